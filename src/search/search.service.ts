import { DataSource } from 'typeorm';
import { Page, PageRequest } from '../common/connection';
import { idKey, numberKey, Ordering, paginate } from '../common/keyset';
import { Loaders } from '../db/loaders';
import { NODE_ENTITIES, NodeEntity } from '../node/node-types';
import { decodeSearchRowId, fullTextMatch, SEARCH_TABLE } from './full-text';

/** Best match first (the score is lower for better matches); ties in a stable order. */
const BY_RANK: Ordering = { name: 'search:rank', keys: [numberKey('"hit"."score"'), idKey('"hit"."hitId"')], direction: 'ASC' };

export class SearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loaders: Loaders,
  ) {}

  search(text: string, request: PageRequest): Promise<Page<NodeEntity>> {
    const match = fullTextMatch(this.dataSource, text, 'query');
    const hits = this.dataSource
      .createQueryBuilder()
      .select('"hit".*')
      .from(
        (subQuery) =>
          subQuery
            .select('"rowid"', 'hitId')
            .addSelect(match?.score ?? '0', 'score')
            .from(SEARCH_TABLE, SEARCH_TABLE)
            .where(match?.condition ?? '1 = 0', match?.parameters ?? {}),
        'hit',
      );
    return paginate(hits, BY_RANK, request, (hitIds) =>
      Promise.all(
        hitIds.map((hitId) => {
          const { kind, id } = decodeSearchRowId(hitId);
          return this.loaders.byId<NodeEntity>(NODE_ENTITIES[kind]).load(id);
        }),
      ),
    );
  }
}
