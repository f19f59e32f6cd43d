import { DataSource } from 'typeorm';
import { Page, PageRequest } from '../common/connection';
import { NodeTypeName } from '../common/global-id';
import { idKey, Ordering, paginate } from '../common/keyset';
import { Loaders } from '../db/loaders';
import { Revision } from './revision.entity';

/** Revisions in the order they were committed. */
const BY_ID: Ordering = { name: 'revisions:id', keys: [idKey('"revision"."id"')], direction: 'ASC' };

export class RevisionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loaders: Loaders,
  ) {}

  private query() {
    return this.dataSource.getRepository(Revision).createQueryBuilder('revision');
  }

  private loadNodes = (ids: number[]) => this.loaders.byId(Revision).loadMany(ids);

  /** The history of one fact, oldest first; batched across the facts of a list. */
  ofFact(type: NodeTypeName, id: number, request: PageRequest): Promise<Page<Revision>> {
    return this.loaders.nestedPage(id, {
      name: `revisions:${type}`,
      query: () => this.query().where('"revision"."entityType" = :type', { type }),
      parentKey: '"revision"."entityId"',
      ordering: BY_ID,
      request,
      loadNodes: this.loadNodes,
    });
  }

  /** Every change committed at or after `since`, deletions included, in commit order. */
  changes(since: Date, request: PageRequest): Promise<Page<Revision>> {
    return paginate(this.query().where('"revision"."createdAt" >= :since', { since }), BY_ID, request, this.loadNodes);
  }
}
