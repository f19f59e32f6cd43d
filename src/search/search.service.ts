import { DataSource } from 'typeorm';
import { Page, PageRequest } from '../common/connection';
import { Ordering, paginate } from '../common/keyset';
import { Loaders } from '../db/loaders';
import { NODE_ENTITIES, NodeEntity } from '../node/node-types';
import { decodeSearchRowId, SEARCH_TABLE, toMatchQuery } from './full-text';

/** Best match first (bm25 is lower for better matches); ties in a stable order. */
const BY_RANK: Ordering = { name: 'search:rank', keys: ['"hit"."score"', '"hit"."hitId"'], direction: 'ASC' };

/** Titles (names, headlines) weigh ten times as much as the body text. */
const RANK_SQL = `bm25("${SEARCH_TABLE}", 10.0, 1.0)`;

export class SearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loaders: Loaders,
  ) {}

  search(text: string, request: PageRequest): Promise<Page<NodeEntity>> {
    const match = toMatchQuery(text, 'query');
    const hits = this.dataSource
      .createQueryBuilder()
      .select('"hit".*')
      .from(
        (subQuery) =>
          subQuery
            .select('"rowid"', 'hitId')
            .addSelect(RANK_SQL, 'score')
            .from(SEARCH_TABLE, SEARCH_TABLE)
            .where(match ? `"${SEARCH_TABLE}" MATCH :match` : '1 = 0', { match }),
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
