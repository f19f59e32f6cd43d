import type { DataSource, EntityMetadata, ObjectLiteral } from 'typeorm';
import type { KeyedPage } from '../relay/keyset';
import { type ChildList, childColumns, type Link, type Reference } from './relations';

/**
 * Reading rows by id without the QueryBuilder and entity hydration, on the hottest path of every read: one SQL text
 * per entity and set of relations read with it, the same whatever the number of ids (a JSON array on SQLite, an array
 * on PostgreSQL), so that the driver prepares it once; values converted as TypeORM converts them, and the row given
 * its entity's prototype.
 *
 * A relation the operation selects is read in the same statement: the facts a link or a reference names, and the rows
 * of a child list, as JSON built by the database. A page's rows are read in the statement that selects the page, so that a page of events and
 * the countries, officials and sources of each are one statement.
 */

/** A relation read with the rows of its owner: the facts of `metadata` that `link` or `reference` names, or the rows a child `list` holds. */
export type Embed =
  | { link: Link; reference?: undefined; list?: undefined; metadata: EntityMetadata }
  | { reference: Reference; link?: undefined; list?: undefined; metadata: EntityMetadata }
  | { list: ChildList; link?: undefined; reference?: undefined; metadata: EntityMetadata };

/** What names an embed among those of its owner: the relation's property, or the list's field. */
function embedName(embed: Embed): string {
  return embed.list ? embed.list.field : (embed.link ?? embed.reference).property;
}

export interface EmbeddedRow<E> {
  entity: E;
  /** Per embed, in the order asked for: the linked facts or the list's rows, or the one fact referenced (null when there is none or it is deleted). */
  embedded: (ObjectLiteral[] | ObjectLiteral | null)[];
}

const statements = new WeakMap<EntityMetadata, Map<string, string>>();

function liveIn(metadata: EntityMetadata, alias: string): string {
  return metadata.deleteDateColumn ? ` AND "${alias}"."${metadata.deleteDateColumn.databaseName}" IS NULL` : '';
}

/** A fact as one JSON object, keyed by column name: the row the driver would have given. */
function jsonRow(postgres: boolean, metadata: EntityMetadata, alias: string): string {
  const pairs = metadata.columns.map((column) => `'${column.databaseName}', "${alias}"."${column.databaseName}"`).join(', ');
  return `${postgres ? 'json_build_object' : 'json_object'}(${pairs})`;
}

function embedSql(postgres: boolean, embed: Embed): string {
  const { metadata } = embed;
  const object = jsonRow(postgres, metadata, 'target');
  if (embed.reference) return `(SELECT ${object} FROM "${metadata.tableName}" "target" WHERE "target"."id" = "row"."${embed.reference.column}"${liveIn(metadata, 'target')})`;
  if (embed.list) {
    const { column, orderSql } = childColumns(embed.list, metadata, 'target');
    const rows = postgres ? `COALESCE(json_agg(${object} ORDER BY ${orderSql}), '[]')` : `json_group_array(${object} ORDER BY ${orderSql})`;
    return `(SELECT ${rows} FROM "${metadata.tableName}" "target" WHERE "target"."${column}" = "row"."id"${liveIn(metadata, 'target')})`;
  }
  const { table, ownerColumn, targetColumn } = embed.link;
  const order = `ORDER BY "link"."${targetColumn}"`;
  const array = postgres ? `COALESCE(json_agg(${object} ${order}), '[]')` : `json_group_array(${object} ${order})`;
  return `(SELECT ${array} FROM "${table}" "link" JOIN "${metadata.tableName}" "target" ON "target"."id" = "link"."${targetColumn}" WHERE "link"."${ownerColumn}" = "row"."id"${liveIn(metadata, 'target')})`;
}

/** The columns of a fact and of the relations read with it, from the table aliased "row": the SELECT list of both reads. */
function rowColumns(postgres: boolean, metadata: EntityMetadata, embeds: readonly Embed[]): string[] {
  const columns = metadata.columns.map((column) => `"row"."${column.databaseName}"`);
  return [...columns, ...embeds.map((embed, index) => `${embedSql(postgres, embed)} AS "embed${index}"`)];
}

function byIdStatement(dataSource: DataSource, metadata: EntityMetadata, embeds: readonly Embed[]): string {
  let byEmbeds = statements.get(metadata);
  if (!byEmbeds) statements.set(metadata, (byEmbeds = new Map()));
  const key = embeds.map(embedName).join(',');
  let sql = byEmbeds.get(key);
  if (!sql) {
    const postgres = dataSource.options.type === 'postgres';
    const ids = postgres ? '= ANY($1::integer[])' : 'IN (SELECT "value" FROM json_each(?))';
    sql = `SELECT ${rowColumns(postgres, metadata, embeds).join(', ')} FROM "${metadata.tableName}" "row" WHERE "row"."id" ${ids}${liveIn(metadata, 'row')}`;
    byEmbeds.set(key, sql);
  }
  return sql;
}

/** The name a page's column is given beside the fact's own columns, which may have the same names. */
function pageColumn(column: string): string {
  return `page:${column}`;
}

/**
 * The rows of a page with the facts they name, in one statement: the page's statement is the FROM of it, each row
 * joined to its fact by id. The page's own statement decides which rows are in it (deleted facts are not) and bounds
 * them (a LIMIT, or a position per parent), so the relations are read for the page's rows alone.
 */
function pageStatement(dataSource: DataSource, metadata: EntityMetadata, embeds: readonly Embed[], page: KeyedPage): string {
  const postgres = dataSource.options.type === 'postgres';
  const columns = [...page.columns.map((column) => `"page"."${column}" AS "${pageColumn(column)}"`), ...rowColumns(postgres, metadata, embeds)];
  const order = page.order.map(({ column, direction }) => `"page"."${column}" ${direction}`).join(', ');
  return `SELECT ${columns.join(', ')} FROM (${page.sql}) "page" JOIN "${metadata.tableName}" "row" ON "row"."id" = "page"."${page.idColumn}" ORDER BY ${order}`;
}

function hydrate<E extends ObjectLiteral>(dataSource: DataSource, metadata: EntityMetadata, row: Record<string, unknown>): E {
  const entity = Object.create((metadata.target as { prototype: object }).prototype) as Record<string, unknown>;
  for (const column of metadata.columns) entity[column.propertyName] = dataSource.driver.prepareHydratedValue(row[column.databaseName], column);
  return entity as E;
}

/** JSON the database built: text from SQLite, already parsed by the PostgreSQL driver. */
function parsed(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function embeddedRow<E extends ObjectLiteral>(dataSource: DataSource, metadata: EntityMetadata, embeds: readonly Embed[], row: Record<string, unknown>): EmbeddedRow<E> {
  return {
    entity: hydrate<E>(dataSource, metadata, row),
    embedded: embeds.map((embed, index) => {
      const value = parsed(row[`embed${index}`]) as Record<string, unknown>[] | Record<string, unknown> | null;
      if (value === null || value === undefined) return null;
      return Array.isArray(value) ? value.map((target) => hydrate(dataSource, embed.metadata, target)) : hydrate(dataSource, embed.metadata, value);
    }),
  };
}

export async function readById<E extends ObjectLiteral>(dataSource: DataSource, metadata: EntityMetadata, ids: readonly number[], embeds: readonly Embed[] = []): Promise<EmbeddedRow<E>[]> {
  const parameter = dataSource.options.type === 'postgres' ? [...ids] : JSON.stringify(ids);
  const rows: Record<string, unknown>[] = await dataSource.query(byIdStatement(dataSource, metadata, embeds), [parameter]);
  return rows.map((row) => embeddedRow<E>(dataSource, metadata, embeds, row));
}

/** The rows of `page`, in its order, each with the page's columns and its fact. */
export async function readPage<E extends ObjectLiteral>(dataSource: DataSource, metadata: EntityMetadata, page: KeyedPage, embeds: readonly Embed[]): Promise<(EmbeddedRow<E> & { columns: Record<string, unknown> })[]> {
  const rows: Record<string, unknown>[] = await dataSource.query(pageStatement(dataSource, metadata, embeds, page), page.parameters);
  return rows.map((row) => ({ columns: Object.fromEntries(page.columns.map((column) => [column, row[pageColumn(column)]])), ...embeddedRow<E>(dataSource, metadata, embeds, row) }));
}
