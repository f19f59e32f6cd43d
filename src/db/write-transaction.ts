import type { DataSource, EntityManager } from 'typeorm';

const pending = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs `work` in a transaction that writes, one at a time per process. TypeORM shares one SQLite
 * connection among all requests, so two transactions at once would nest as savepoints and the
 * rollback of one would undo the other's acknowledged writes. On SQLite the transaction also
 * takes the write lock first: a transaction that read before writing would fail with
 * SQLITE_BUSY_SNAPSHOT if another process (the token command, a second instance) wrote in
 * between, while waiting for the lock is covered by the busy timeout.
 */
export function writeTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const previous = pending.get(dataSource) ?? Promise.resolve();
  const result = previous.then(() =>
    dataSource.transaction(async (manager) => {
      if (dataSource.options.type === 'better-sqlite3') await manager.query('UPDATE "migrations" SET "id" = "id" WHERE 0');
      return work(manager);
    }),
  );
  pending.set(
    dataSource,
    result.catch(() => undefined),
  );
  return result;
}
