import type { DataSource, EntityMetadata, ObjectLiteral } from 'typeorm';
import type { Link, Reference } from './relations';

/**
 * Reading rows by id without the QueryBuilder and entity hydration, on the hottest path of every read: one SQL text
 * per entity and set of relations read with it, the same whatever the number of ids (a JSON array on SQLite, an array
 * on PostgreSQL), so that the driver prepares it once; values converted as TypeORM converts them, and the row given
 * its entity's prototype.
 *
 * A relation the operation selects is read in the same statement: the facts a link or a reference names, as JSON
 * built by the database, so that a page of events and the countries, officials and sources of each are one statement.
 */

/** A relation read with the rows of its owner: the facts of `metadata` that `link` or `reference` names. */
export type Embed = { link: Link; reference?: undefined; metadata: EntityMetadata } | { reference: Reference; link?: undefined; metadata: EntityMetadata };

export interface EmbeddedRow<E> {
  entity: E;
  /** Per embed, in the order asked for: the linked facts, or the one fact referenced (null when there is none or it is deleted). */
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
  const { table, ownerColumn, targetColumn } = embed.link;
  const order = `ORDER BY "link"."${targetColumn}"`;
  const array = postgres ? `COALESCE(json_agg(${object} ${order}), '[]')` : `json_group_array(${object} ${order})`;
  return `(SELECT ${array} FROM "${table}" "link" JOIN "${metadata.tableName}" "target" ON "target"."id" = "link"."${targetColumn}" WHERE "link"."${ownerColumn}" = "row"."id"${liveIn(metadata, 'target')})`;
}

function byIdStatement(dataSource: DataSource, metadata: EntityMetadata, embeds: readonly Embed[]): string {
  let byEmbeds = statements.get(metadata);
  if (!byEmbeds) statements.set(metadata, (byEmbeds = new Map()));
  const key = embeds.map((embed) => (embed.link ?? embed.reference).property).join(',');
  let sql = byEmbeds.get(key);
  if (!sql) {
    const postgres = dataSource.options.type === 'postgres';
    const columns = metadata.columns.map((column) => `"row"."${column.databaseName}"`);
    const embedded = embeds.map((embed, index) => `${embedSql(postgres, embed)} AS "embed${index}"`);
    const ids = postgres ? '= ANY($1::integer[])' : 'IN (SELECT "value" FROM json_each(?))';
    sql = `SELECT ${[...columns, ...embedded].join(', ')} FROM "${metadata.tableName}" "row" WHERE "row"."id" ${ids}${liveIn(metadata, 'row')}`;
    byEmbeds.set(key, sql);
  }
  return sql;
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

export async function readById<E extends ObjectLiteral>(dataSource: DataSource, metadata: EntityMetadata, ids: readonly number[], embeds: readonly Embed[] = []): Promise<EmbeddedRow<E>[]> {
  const parameter = dataSource.options.type === 'postgres' ? [...ids] : JSON.stringify(ids);
  const rows: Record<string, unknown>[] = await dataSource.query(byIdStatement(dataSource, metadata, embeds), [parameter]);
  return rows.map((row) => ({
    entity: hydrate<E>(dataSource, metadata, row),
    embedded: embeds.map((embed, index) => {
      const value = parsed(row[`embed${index}`]) as Record<string, unknown>[] | Record<string, unknown> | null;
      if (value === null || value === undefined) return null;
      return Array.isArray(value) ? value.map((target) => hydrate(dataSource, embed.metadata, target)) : hydrate(dataSource, embed.metadata, value);
    }),
  }));
}
