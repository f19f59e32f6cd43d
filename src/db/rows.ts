import type { DataSource, EntityMetadata, ObjectLiteral } from 'typeorm';

/**
 * Reading rows by id without the QueryBuilder and entity hydration, on the hottest path of every read: one SQL text
 * per entity, the same whatever the number of ids (a JSON array on SQLite, an array on PostgreSQL), so that the
 * driver prepares it once; values converted as TypeORM converts them, and the row given its entity's prototype.
 */
const statements = new WeakMap<EntityMetadata, string>();

function byIdStatement(dataSource: DataSource, metadata: EntityMetadata): string {
  let sql = statements.get(metadata);
  if (!sql) {
    const columns = metadata.columns.map((column) => `"${column.databaseName}"`).join(', ');
    const ids = dataSource.options.type === 'postgres' ? '= ANY($1::integer[])' : 'IN (SELECT "value" FROM json_each(?))';
    const live = metadata.deleteDateColumn ? ` AND "${metadata.deleteDateColumn.databaseName}" IS NULL` : '';
    sql = `SELECT ${columns} FROM "${metadata.tableName}" WHERE "id" ${ids}${live}`;
    statements.set(metadata, sql);
  }
  return sql;
}

export async function readById<E extends ObjectLiteral>(dataSource: DataSource, metadata: EntityMetadata, ids: readonly number[]): Promise<E[]> {
  const parameter = dataSource.options.type === 'postgres' ? [...ids] : JSON.stringify(ids);
  const rows: Record<string, unknown>[] = await dataSource.query(byIdStatement(dataSource, metadata), [parameter]);
  const prototype = (metadata.target as { prototype: object }).prototype;
  return rows.map((row) => {
    const entity = Object.create(prototype) as Record<string, unknown>;
    for (const column of metadata.columns) entity[column.propertyName] = dataSource.driver.prepareHydratedValue(row[column.databaseName], column);
    return entity as E;
  });
}
