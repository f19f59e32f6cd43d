import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadUserInputError } from '../errors/errors';
import { toIsoDay } from '../values/scalars';
import { MAX_LIST_LENGTH } from '../values/validation';
import { expectGlobalIds } from './global-id';

let parameterSequence = 0;

/** A fresh name for a query parameter: filters and cursors add theirs to the same query builder. */
export function parameterName(prefix = 'p'): string {
  return `${prefix}${++parameterSequence}`;
}

function checkListLength(values: readonly unknown[], argumentName: string): void {
  if (values.length > MAX_LIST_LENGTH) throw new BadUserInputError(`${argumentName} may hold at most ${MAX_LIST_LENGTH} values, got ${values.length}`, argumentName);
}

/**
 * `column IN (ids)` for a filter of global IDs of `type`; an empty list matches nothing, a left
 * out one matches everything. `sql` can wrap the column, e.g. in a sub-select over a link table.
 */
export function whereIdsIn<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
  globalIds: readonly string[] | null | undefined,
  type: string,
  argumentName: string,
  sql: (placeholder: string) => string,
): SelectQueryBuilder<E> {
  if (globalIds === null || globalIds === undefined) return query;
  checkListLength(globalIds, argumentName);
  if (globalIds.length === 0) return query.andWhere('1 = 0');
  const name = parameterName('filter');
  return query.andWhere(sql(`(:...${name})`), { [name]: expectGlobalIds(globalIds, type, argumentName) });
}

/** `column IN (values)` for a filter of plain values (enum values); an empty list matches nothing, a left out one everything. */
export function whereValuesIn<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, column: string, values: readonly string[] | null | undefined, argumentName: string) {
  if (values === null || values === undefined) return query;
  checkListLength(values, argumentName);
  if (values.length === 0) return query.andWhere('1 = 0');
  const name = parameterName('filter');
  return query.andWhere(`${column} IN (:...${name})`, { [name]: [...values] });
}

/** Inclusive date range on a `YYYY-MM-DD` column; `from` after `to` is refused. */
export function whereDateBetween<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, column: string, from: Date | null | undefined, to: Date | null | undefined) {
  if (from && to && from > to) {
    throw new BadUserInputError(`filter.from (${toIsoDay(from)}) is after filter.to (${toIsoDay(to)})`, 'filter.from');
  }
  if (from) {
    const name = parameterName('filter');
    query.andWhere(`${column} >= :${name}`, { [name]: toIsoDay(from) });
  }
  if (to) {
    const name = parameterName('filter');
    query.andWhere(`${column} <= :${name}`, { [name]: toIsoDay(to) });
  }
  return query;
}

/** Whether a filter keeps every row: left out, or with nothing given but blank text (which filters nothing). An empty list is a filter: it matches nothing. */
export function filtersNothing(filter: object | null | undefined): boolean {
  return !filter || Object.values(filter).every((value) => value === null || value === undefined || (typeof value === 'string' && value.trim() === ''));
}
