import type { DataSource, EntityManager } from 'typeorm';

const pending = new WeakMap<DataSource, Promise<unknown>>();

/** PostgreSQL advisory lock keys of this application (arbitrary, fixed numbers). */
export const WRITE_LOCK = 736_210_001;
export const SETUP_LOCK = 736_210_002;

/**
 * Runs `work` in a transaction that writes, one at a time per process and across processes.
 * TypeORM shares one SQLite connection among all requests, so two transactions at once would
 * nest as savepoints and the rollback of one would undo the other's acknowledged writes. The
 * transaction takes the database's write lock first: on SQLite, a transaction that read before
 * writing would fail with SQLITE_BUSY_SNAPSHOT if another process wrote in between; on
 * PostgreSQL, instances writing at once could each pass a check (a fact still cited, an ISO code
 * still free) that the other's write breaks, and ids would not follow commit order, which
 * eventAdded(after:) and changes(since:) rely on.
 */
export function writeTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const previous = pending.get(dataSource) ?? Promise.resolve();
  const result = previous.then(() =>
    dataSource.transaction(async (manager) => {
      if (dataSource.options.type === 'postgres') await manager.query(`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
      else await manager.query('UPDATE "migrations" SET "id" = "id" WHERE 0');
      return work(manager);
    }),
  );
  pending.set(
    dataSource,
    result.catch(() => undefined),
  );
  return result;
}
