import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { NodeTypeName } from '../common/global-id';
import { BadUserInputError } from '../errors/errors';

/**
 * SQLite FTS5 is the one engine-specific piece of the data layer: the `search_index` table
 * (created by the SearchIndex migration, kept current by triggers) and the MATCH syntax here.
 * A row's rowid is `entityId * 8 + KIND_CODES[kind]`, so that a trigger finds it by key.
 */
export const SEARCH_TABLE = 'search_index';

export const KIND_CODES = {
  Country: 1,
  Organization: 2,
  Official: 3,
  Event: 4,
  Statement: 6,
  Source: 7,
} as const satisfies Partial<Record<NodeTypeName, number>>;

export type SearchableKind = keyof typeof KIND_CODES;

const KIND_BY_CODE = new Map(Object.entries(KIND_CODES).map(([kind, code]) => [code as number, kind as SearchableKind]));

export function decodeSearchRowId(rowId: number): { kind: SearchableKind; id: number } {
  return { kind: KIND_BY_CODE.get(rowId % 8)!, id: Math.floor(rowId / 8) };
}

export const MAX_SEARCH_WORDS = 32;

/**
 * Turns any user string into a safe FTS5 query: the words (letters and digits) it contains,
 * each quoted as a literal and matched as a prefix, all of them required. FTS operators,
 * quotes and column filters in the input are never interpreted. Null when there is no word.
 */
export function toMatchQuery(text: string, argumentName: string): string | null {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length > MAX_SEARCH_WORDS) throw new BadUserInputError(`${argumentName} may hold at most ${MAX_SEARCH_WORDS} words, got ${words.length}`, argumentName);
  if (words.length === 0) return null;
  return words.map((word) => `"${word}"*`).join(' ');
}

/**
 * Keeps the rows of `query` whose indexed text matches `text`. A blank or left-out text is no
 * filter; a text without any word (only punctuation) matches nothing, as search(query:) does.
 */
export function whereMatches<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, kind: SearchableKind, idColumn: string, text: string | null | undefined) {
  if (!text || text.trim() === '') return query;
  const match = toMatchQuery(text, 'filter.search');
  if (!match) return query.andWhere('1 = 0');
  const parameter = `match${kind}`;
  return query.andWhere(`${idColumn} IN (SELECT "rowid" / 8 FROM "${SEARCH_TABLE}" WHERE "${SEARCH_TABLE}" MATCH :${parameter} AND "rowid" % 8 = ${KIND_CODES[kind]})`, {
    [parameter]: match,
  });
}
