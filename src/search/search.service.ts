import type { Node } from '../facts/node';
import { Service } from '../facts/services';
import { Page, PageRequest } from '../relay/connection';
import { idKey, numberKey, Ordering, paginate } from '../relay/keyset';
import { decodeSearchRowId, fullTextMatch, SEARCH_TABLE } from './full-text';

/** Best match first (the score is lower for better matches); ties in a stable order. */
const BY_RANK: Ordering = { name: 'search:rank', keys: [numberKey('"hit"."score"'), idKey('"hit"."hitId"')], direction: 'ASC' };

export class SearchService extends Service {
  search(text: string, request: PageRequest): Promise<Page<Node>> {
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
    // Hits of every kind: their facts are read by id, kind by kind, once the page's hits are known.
    return paginate(hits, BY_RANK, request, {
      byIds: (hitIds) =>
        Promise.all(
          hitIds.map((hitId) => {
            const { code, id } = decodeSearchRowId(hitId);
            return this.loaders.byId<Node>(this.kinds.searchable(code)).load(id);
          }),
        ),
    });
  }
}
