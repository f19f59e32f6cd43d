import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * How many live rows an entity's table holds, as the LiveCounts migration's triggers keep it in the transaction of
 * every write: the totalCount of a list without a filter, read in one row instead of counted over the table.
 */
/** Null where the table is not counted there (a kind whose migration gave it no row): the caller counts instead. */
export async function liveCount(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>): Promise<number | null> {
  const { tableName } = dataSource.getMetadata(entity);
  const placeholder = dataSource.options.type === 'postgres' ? '$1' : '?';
  const [row] = await dataSource.query(`SELECT "count" FROM "live_counts" WHERE "table" = ${placeholder}`, [tableName]);
  return row ? Number(row.count) : null;
}
