import type { Node } from '../facts/node';
import { Revision } from '../facts/revision.entity';
import { Service } from '../facts/services';
import { Page, PageRequest } from '../relay/connection';
import { idKey, Ordering, paginate } from '../relay/keyset';

/** Revisions in the order they were committed. */
const BY_ID: Ordering = { name: 'revisions:id', keys: [idKey('"revision"."id"')], direction: 'ASC' };

export class RevisionService extends Service {
  private query() {
    return this.dataSource.getRepository(Revision).createQueryBuilder('revision');
  }

  /** The history of one fact, oldest first; batched across the facts of a list. */
  ofFact(type: string, id: number, request: PageRequest): Promise<Page<Revision>> {
    return this.loaders.nestedPage(id, {
      name: `revisions:${type}`,
      query: () => this.query().where('"revision"."entityType" = :type', { type }),
      parentKey: '"revision"."entityId"',
      ordering: BY_ID,
      request,
      nodes: this.loaders.pageOf(Revision),
    });
  }

  /** Every change committed at or after `since`, deletions included, in commit order. */
  changes(since: Date, request: PageRequest): Promise<Page<Revision>> {
    return paginate(this.query().where('"revision"."createdAt" >= :since', { since }), BY_ID, request, this.loaders.pageOf(Revision));
  }

  /** Brings a deleted fact back (admins only, as the resolver says). */
  restore(globalId: string): Promise<Node> {
    return this.writer.restore(globalId);
  }
}
