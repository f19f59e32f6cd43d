import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadUserInputError } from '../errors/errors';
import { expectGlobalIds, NodeTypeName } from './global-id';
import { toIsoDay } from './scalars';

let parameterSequence = 0;

function parameterName(): string {
  return `filter${++parameterSequence}`;
}

/**
 * `column IN (ids)` for a filter of global IDs of `type`; an empty list matches nothing, a left
 * out one matches everything. `sql` can wrap the column, e.g. in a sub-select over a link table.
 */
export function whereIdsIn<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
  globalIds: readonly string[] | null | undefined,
  type: NodeTypeName,
  argumentName: string,
  sql: (placeholder: string) => string,
): SelectQueryBuilder<E> {
  if (globalIds === null || globalIds === undefined) return query;
  if (globalIds.length === 0) return query.andWhere('1 = 0');
  const name = parameterName();
  return query.andWhere(sql(`(:...${name})`), { [name]: expectGlobalIds(globalIds, type, argumentName) });
}

export function whereValuesIn<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, column: string, values: readonly string[] | null | undefined) {
  if (values === null || values === undefined) return query;
  if (values.length === 0) return query.andWhere('1 = 0');
  const name = parameterName();
  return query.andWhere(`${column} IN (:...${name})`, { [name]: [...values] });
}

/** Inclusive date range on a `YYYY-MM-DD` column; `from` after `to` is refused. */
export function whereDateBetween<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, column: string, from: Date | null | undefined, to: Date | null | undefined) {
  if (from && to && from > to) {
    throw new BadUserInputError(`filter.from (${toIsoDay(from)}) is after filter.to (${toIsoDay(to)})`, 'filter.from');
  }
  if (from) {
    const name = parameterName();
    query.andWhere(`${column} >= :${name}`, { [name]: toIsoDay(from) });
  }
  if (to) {
    const name = parameterName();
    query.andWhere(`${column} <= :${name}`, { [name]: toIsoDay(to) });
  }
  return query;
}
