import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadUserInputError } from '../errors/errors';

/**
 * Full-text search is the one engine-specific piece of the data layer: the `search_index` table
 * (created by the SearchIndex migration, kept current by triggers) and the query syntax here.
 * A row's rowid is `entityId * 8 + code`, the code of the row's kind (its `searchCode`), so that
 * a trigger finds it by key.
 */
export const SEARCH_TABLE = 'search_index';

export function decodeSearchRowId(rowId: number): { code: number; id: number } {
  return { code: rowId % 8, id: Math.floor(rowId / 8) };
}

export const MAX_SEARCH_WORDS = 32;

/**
 * The words of the parameter, each a required prefix, as a tsquery. The words are split again after unaccent,
 * because unaccent turns some letters into punctuation (ʼ into an apostrophe, ː into a colon) that the tsquery
 * syntax would choke on; a text left with no word is an empty query, which matches nothing.
 */
function postgresPrefixQuery(parameter: string): string {
  return `to_tsquery('simple', coalesce((SELECT string_agg("word" || ':*', ' & ') FROM regexp_split_to_table(unaccent(:${parameter}), '[^[:alnum:]]+') AS "word" WHERE "word" <> ''), ''))`;
}

/** How each engine says the same thing: all the words required, each as a prefix, and how well a row matches. */
const DIALECTS = {
  sqlite: {
    query: (words: string[]) => words.map((word) => `"${word}"*`).join(' '),
    condition: (parameter: string) => `"${SEARCH_TABLE}" MATCH :${parameter}`,
    /** bm25 is lower for better matches; titles weigh ten times as much as the body. */
    score: () => `bm25("${SEARCH_TABLE}", 10.0, 1.0)`,
  },
  postgres: {
    query: (words: string[]) => words.join(' '),
    condition: (parameter: string) => `"${SEARCH_TABLE}"."document" @@ ${postgresPrefixQuery(parameter)}`,
    /** Negated so that lower is better here too; divided by length (2) as bm25 does; float8 so that the score survives a cursor exactly. */
    score: (parameter: string) => `(-ts_rank("${SEARCH_TABLE}"."document", ${postgresPrefixQuery(parameter)}, 2))::float8`,
  },
};

export interface FullTextMatch {
  /** SQL that keeps the rows of the search table that match. */
  condition: string;
  /** SQL for how well a row matches: lower is better. */
  score: string;
  parameters: Record<string, string>;
}

/** The words of a search: runs of letters and digits, after NFKC folds compatibility forms (ｆｕｌｌ-width letters, ligatures). */
export function searchWords(text: string): string[] {
  return text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Turns any user string into a safe full-text query: the words (letters and digits) it contains,
 * all of them required, each matched as a prefix. Operators, quotes and column filters in the
 * input are never interpreted. Null when there is no word.
 */
export function fullTextMatch(dataSource: DataSource, text: string, argumentName: string, parameter = 'match'): FullTextMatch | null {
  const words = searchWords(text);
  if (words.length > MAX_SEARCH_WORDS) throw new BadUserInputError(`${argumentName} may hold at most ${MAX_SEARCH_WORDS} words, got ${words.length}`, argumentName);
  if (words.length === 0) return null;
  const dialect = dataSource.options.type === 'postgres' ? DIALECTS.postgres : DIALECTS.sqlite;
  return { condition: dialect.condition(parameter), score: dialect.score(parameter), parameters: { [parameter]: dialect.query(words) } };
}

/**
 * Keeps the rows of `query` whose indexed text matches `text`. A blank or left-out text is no
 * filter; a text without any word (only punctuation) matches nothing, as search(query:) does.
 */
export function whereMatches<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, searchCode: number, idColumn: string, text: string | null | undefined) {
  if (!text || text.trim() === '') return query;
  const match = fullTextMatch(query.connection, text, 'filter.search', `match${searchCode}`);
  if (!match) return query.andWhere('1 = 0');
  return query.andWhere(`${idColumn} IN (SELECT "rowid" / 8 FROM "${SEARCH_TABLE}" WHERE ${match.condition} AND "rowid" % 8 = ${searchCode})`, match.parameters);
}
