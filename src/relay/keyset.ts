import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadUserInputError } from '../errors/errors';
import { Edge, Page, PageInfo, PageRequest } from './connection';
import { parameterName } from './filters';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export type CursorValue = string | number;

/** Loads the nodes of a page from their ids (the last key of each row). */
export type NodeLoader<T> = (ids: number[]) => Promise<(T | null | Error)[]>;

/**
 * A page's rows as SQL: `sql` selects `columns` for each row of the page (its id in `idColumn`), in `order` over
 * those columns.
 */
export interface KeyedPage {
  sql: string;
  parameters: unknown[];
  columns: string[];
  idColumn: string;
  order: { column: string; direction: 'ASC' | 'DESC' }[];
}

/** A row of a page read with its node: the page's columns, and the node. */
export interface PageRow<T> {
  columns: Record<string, unknown>;
  node: T;
}

/** Reads the rows of a page with their nodes in the statement that selects the page (a join on the id), in its order. */
export type PageReader<T> = (page: KeyedPage) => Promise<PageRow<T>[]>;

/**
 * Where the nodes of a page come from: read with the page's keys in one statement (`inPage`), or loaded by id once the
 * keys are read (`byIds`, for a page whose rows are of many kinds: search).
 */
export type NodeSource<T> = { inPage: PageReader<T>; byIds?: undefined } | { byIds: NodeLoader<T>; inPage?: undefined };

/** A sort key: an SQL expression, and the kind of value a cursor must hold for it. */
export interface SortKey {
  sql: string;
  kind: 'id' | 'date' | 'text' | 'number';
}

export const idKey = (sql: string): SortKey => ({ sql, kind: 'id' });
export const dateKey = (sql: string): SortKey => ({ sql, kind: 'date' });
export const textKey = (sql: string): SortKey => ({ sql, kind: 'text' });
export const numberKey = (sql: string): SortKey => ({ sql, kind: 'number' });

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a value decoded from a cursor is one the database can compare with the key (a forged cursor must not reach SQL). */
function fitsKey(value: unknown, key: SortKey): boolean {
  switch (key.kind) {
    case 'id':
      return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
    case 'date':
      return typeof value === 'string' && ISO_DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
    case 'text':
      return typeof value === 'string' && !value.includes('\u0000');
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
  }
}

/**
 * A stable total order over a list: SQL expressions compared as a row value, the last one
 * unique (the primary key). `name` is written into cursors so that a cursor of one list or
 * order is refused by another.
 */
export interface Ordering {
  name: string;
  keys: SortKey[];
  direction: 'ASC' | 'DESC';
}

interface ParsedPageRequest {
  limit: number;
  backward: boolean;
  after?: CursorValue[];
  before?: CursorValue[];
}

export function encodeCursor(ordering: Ordering, values: CursorValue[]): string {
  return Buffer.from(JSON.stringify([ordering.name, ...values]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, ordering: Ordering, argumentName: string): CursorValue[] {
  const malformed = () => new BadUserInputError(`${argumentName}: "${cursor}" is not a cursor of this list`, argumentName);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw malformed();
  }
  // Exactly as handed out: base64url decoding forgives padding and stray characters, a cursor must not.
  if (Buffer.from(JSON.stringify(decoded)).toString('base64url') !== cursor) throw malformed();
  if (
    !Array.isArray(decoded) ||
    decoded[0] !== ordering.name ||
    decoded.length !== ordering.keys.length + 1 ||
    !decoded.slice(1).every((value, index) => fitsKey(value, ordering.keys[index]))
  ) {
    throw malformed();
  }
  return decoded.slice(1) as CursorValue[];
}

function parsePageSize(value: number | null | undefined, argumentName: string): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`${argumentName} must be between 0 and ${MAX_PAGE_SIZE}, got ${value}`, argumentName);
  }
  return value;
}

function parsePageRequest(request: PageRequest, ordering: Ordering): ParsedPageRequest {
  const first = parsePageSize(request.first, 'first');
  const last = parsePageSize(request.last, 'last');
  if (first !== undefined && last !== undefined) {
    throw new BadUserInputError('Pass either first or last, not both', 'last');
  }
  return {
    limit: first ?? last ?? DEFAULT_PAGE_SIZE,
    backward: last !== undefined,
    after: request.after ? decodeCursor(request.after, ordering, 'after') : undefined,
    before: request.before ? decodeCursor(request.before, ordering, 'before') : undefined,
  };
}

/** Restricts `query` to the rows strictly after/before the cursors and orders it for the fetch direction. */
function applyKeyset<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, ordering: Ordering, page: ParsedPageRequest) {
  const rowValue = `(${ordering.keys.map((key) => key.sql).join(', ')})`;
  const bound = (values: CursorValue[], greater: boolean) => {
    const names = values.map(() => parameterName('keyset'));
    query.andWhere(`${rowValue} ${greater ? '>' : '<'} (${names.map((name) => `:${name}`).join(', ')})`);
    names.forEach((name, index) => query.setParameter(name, values[index]));
  };
  const ascending = ordering.direction === 'ASC';
  if (page.after) bound(page.after, ascending);
  if (page.before) bound(page.before, !ascending);
  const fetchAscending = ascending !== page.backward;
  return fetchAscending ? 'ASC' : 'DESC';
}

function keySelection(ordering: Ordering): string {
  return ordering.keys.map((key, index) => `${key.sql} AS "k${index}"`).join(', ');
}

function keysOf(row: Record<string, unknown>, ordering: Ordering): CursorValue[] {
  return ordering.keys.map((_, index) => row[`k${index}`] as CursorValue);
}

function keyColumns(ordering: Ordering): string[] {
  return ordering.keys.map((_, index) => `k${index}`);
}

interface KeyedRow<T> {
  keys: CursorValue[];
  /** Read with the keys; undefined where the nodes are loaded by id afterwards. */
  node: T | undefined;
}

/** The rows `page` selects, with their nodes where `nodes` reads them in the same statement. */
async function rowsOf<T>(dataSource: DataSource, page: KeyedPage, nodes: NodeSource<T>): Promise<PageRow<T | undefined>[]> {
  if (nodes.inPage) return nodes.inPage(page);
  const rows: Record<string, unknown>[] = await dataSource.query(page.sql, page.parameters);
  return rows.map((columns) => ({ columns, node: undefined }));
}

async function toPage<T extends { id: number }>(
  rows: KeyedRow<T>[],
  page: ParsedPageRequest,
  ordering: Ordering,
  nodes: NodeSource<T>,
  countTotal: () => Promise<number>,
): Promise<Page<T>> {
  const hasMore = rows.length > page.limit;
  const pageRows = rows.slice(0, page.limit);
  if (page.backward) pageRows.reverse();
  const loaded = nodes.byIds ? await nodes.byIds(pageRows.map((row) => Number(row.keys[row.keys.length - 1]))) : pageRows.map((row) => row.node);
  const edges: Edge<T>[] = [];
  pageRows.forEach((row, index) => {
    const node = loaded[index];
    if (node && !(node instanceof Error)) edges.push({ cursor: encodeCursor(ordering, row.keys), node });
  });
  const pageInfo: PageInfo = {
    hasNextPage: page.backward ? Boolean(page.before) : hasMore,
    hasPreviousPage: page.backward ? hasMore : Boolean(page.after),
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges[edges.length - 1]?.cursor ?? null,
  };
  return new Page(edges, pageInfo, countTotal);
}

/**
 * One page of `query` (already filtered, selecting from the entity's alias) in `ordering`: its keys, and its nodes
 * from `nodes`, read with the keys where it can.
 */
export async function paginate<E extends ObjectLiteral, T extends { id: number }>(
  query: SelectQueryBuilder<E>,
  ordering: Ordering,
  request: PageRequest,
  nodes: NodeSource<T>,
  /** The total where it is known without counting (a list without a filter); null, or left out, counts over `query`. */
  knownTotal?: () => Promise<number | null>,
  /** The same rows as `query`, shaped for counting them rather than for reading a page of them in order. */
  counted: () => SelectQueryBuilder<E> = () => query,
): Promise<Page<T>> {
  const page = parsePageRequest(request, ordering);
  const countTotal = async () => {
    const known = await knownTotal?.();
    if (known !== undefined && known !== null) return known;
    const [sql, parameters] = counted().getQueryAndParameters();
    const [row] = await query.dataSource.query(`SELECT COUNT(*) AS "count" FROM (${sql}) "counted"`, parameters);
    return Number(row.count);
  };
  const keyed = query.clone().select(keySelection(ordering));
  const direction = applyKeyset(keyed, ordering, page);
  const [sql, parameters] = keyed.getQueryAndParameters();
  const orderSql = ordering.keys.map((key) => `${key.sql} ${direction}`).join(', ');
  const columns = keyColumns(ordering);
  const rows = await rowsOf(
    query.dataSource,
    { sql: `${sql} ORDER BY ${orderSql} LIMIT ${page.limit + 1}`, parameters, columns, idColumn: columns[columns.length - 1], order: columns.map((column) => ({ column, direction })) },
    nodes,
  );
  return toPage(
    rows.map((row) => ({ keys: keysOf(row.columns, ordering), node: row.node })),
    page,
    ordering,
    nodes,
    countTotal,
  );
}

/**
 * The same page for many parents at once (Country.events for every country of a list): one
 * windowed query for the keys and one grouped count, whatever the number of parents.
 * `parentKey` is the SQL expression that names a row's parent.
 */
export async function paginateByParent<E extends ObjectLiteral, T extends { id: number }>(
  query: SelectQueryBuilder<E>,
  parentKey: string,
  parentIds: readonly number[],
  ordering: Ordering,
  request: PageRequest,
  nodes: NodeSource<T>,
): Promise<Page<T>[]> {
  const page = parsePageRequest(request, ordering);
  const ofParents = query.clone().andWhere(`${parentKey} IN (:...parentIds)`, { parentIds: [...parentIds] });
  let counts: Promise<Map<number, number>> | undefined;
  const countFor = (parentId: number) => {
    counts ??= ofParents
      .clone()
      .select(`${parentKey}`, 'parent')
      .addSelect('COUNT(*)', 'count')
      .groupBy(parentKey)
      .getRawMany()
      .then((rows) => new Map(rows.map((row) => [Number(row.parent), Number(row.count)])));
    return counts.then((map) => map.get(parentId) ?? 0);
  };
  const rowsByParent = new Map<number, KeyedRow<T>[]>(parentIds.map((id) => [id, []]));
  const windowed = ofParents.clone();
  const direction = applyKeyset(windowed, ordering, page);
  const orderSql = ordering.keys.map((key) => `${key.sql} ${direction}`).join(', ');
  windowed.select(`${parentKey}`, 'parent').addSelect(keySelection(ordering)).addSelect(`ROW_NUMBER() OVER (PARTITION BY ${parentKey} ORDER BY ${orderSql})`, 'position');
  const [sql, parameters] = windowed.getQueryAndParameters();
  const keys = keyColumns(ordering);
  const rows = await rowsOf(
    query.dataSource,
    {
      sql: `SELECT * FROM (${sql}) "ranked" WHERE "position" <= ${page.limit + 1} ORDER BY "parent", "position"`,
      parameters,
      columns: ['parent', ...keys, 'position'],
      idColumn: keys[keys.length - 1],
      order: [
        { column: 'parent', direction: 'ASC' },
        { column: 'position', direction: 'ASC' },
      ],
    },
    nodes,
  );
  for (const row of rows) rowsByParent.get(Number(row.columns.parent))?.push({ keys: keysOf(row.columns, ordering), node: row.node });
  return Promise.all(parentIds.map((parentId) => toPage(rowsByParent.get(parentId) ?? [], page, ordering, nodes, () => countFor(parentId))));
}
