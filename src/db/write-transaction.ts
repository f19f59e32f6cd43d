import type { Database } from 'better-sqlite3';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, EntityManager } from 'typeorm';
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import { DatabaseFaultError, ErrorCode } from '../errors/errors';
import { databaseFault } from '../errors/database-faults';

const pending = new WeakMap<DataSource, Promise<unknown>>();
const lockTimeouts = new WeakMap<DataSource, number>();

/** PostgreSQL advisory lock keys of this application (arbitrary, fixed numbers). */
export const WRITE_LOCK = 736_210_001;
export const SETUP_LOCK = 736_210_002;

/** How long a write waits for the database's write lock (held by another process) by default. */
export const DEFAULT_WRITE_LOCK_TIMEOUT_MS = 5000;
const LOCK_RETRY_MS = 25;

/** Sets how long writes on `dataSource` wait for the write lock before they fail with DATABASE_BUSY. */
export function setWriteLockTimeout(dataSource: DataSource, milliseconds: number): void {
  lockTimeouts.set(dataSource, milliseconds);
}

/** The write lock was held by another process when this attempt asked for it: nothing ran, the attempt may be repeated. */
class WriteLockBusy extends Error {}

/**
 * Runs `work` in a transaction that writes, one at a time per process and across processes.
 * TypeORM shares one SQLite connection among all requests, so two transactions at once would
 * nest as savepoints and the rollback of one would undo the other's acknowledged writes. The
 * transaction takes the database's write lock first: on SQLite, a transaction that read before
 * writing would fail with SQLITE_BUSY_SNAPSHOT if another process wrote in between; on
 * PostgreSQL, instances writing at once could each pass a check (a fact still cited, an ISO code
 * still free) that the other's write breaks, and ids would not follow commit order, which
 * eventAdded(after:) and changes(since:) rely on.
 *
 * A write waits for the lock (queue included) at most the write-lock timeout (`lockTimeoutMs` for
 * this one; 0 tries once), without blocking
 * the event loop, then fails with DATABASE_BUSY. A failure of the database itself (a full disk,
 * an I/O error), at COMMIT too, rolls the transaction back and fails with a retryable
 * DatabaseFaultError: nothing is acknowledged that is not committed.
 */
const activities = new WeakMap<DataSource, { open: number; changes: number }>();

function activityOf(dataSource: DataSource): { open: number; changes: number } {
  let activity = activities.get(dataSource);
  if (!activity) activities.set(dataSource, (activity = { open: 0, changes: 0 }));
  return activity;
}

/**
 * How this process's write transactions stand: null while one is open, else a number that changes whenever one begins
 * or ends. On SQLite every request of the process reads through the one connection, and so sees what an open
 * transaction has written but not committed (and may yet roll back): a read that must see only committed facts (an
 * answer to keep) checks that this was not null before it and is the same after.
 */
export function writesSettled(dataSource: DataSource): number | null {
  const activity = activityOf(dataSource);
  return activity.open > 0 ? null : activity.changes;
}

export function writeTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>, options: { lockTimeoutMs?: number } = {}): Promise<T> {
  const deadline = Date.now() + (options.lockTimeoutMs ?? lockTimeouts.get(dataSource) ?? DEFAULT_WRITE_LOCK_TIMEOUT_MS);
  const previous = pending.get(dataSource) ?? Promise.resolve();
  const activity = activityOf(dataSource);
  const result = previous.then(async () => {
    activity.open += 1;
    activity.changes += 1;
    try {
      return await (dataSource.options.type === 'postgres' ? onPostgres(dataSource, work, deadline) : onSqlite(dataSource, work, deadline));
    } finally {
      activity.open -= 1;
      activity.changes += 1;
    }
  });
  pending.set(
    dataSource,
    result.catch(() => undefined),
  );
  return result;
}

async function onPostgres<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>, deadline: number): Promise<T> {
  try {
    return await dataSource.transaction(async (manager) => {
      // lock_timeout bounds the wait for the advisory lock; the error it raises (55P03) is DATABASE_BUSY.
      await manager.query(`SET LOCAL lock_timeout = ${Math.max(1, deadline - Date.now())}`);
      await manager.query(`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
      return work(manager);
    });
  } catch (error) {
    throw databaseFault(error) ?? error;
  }
}

/** The one SQLite connection every request shares, and TypeORM's one query runner on it. */
function sqliteConnection(dataSource: DataSource) {
  const driver = dataSource.driver as BetterSqlite3Driver;
  return {
    database: driver.databaseConnection as Database,
    runner: driver.queryRunner as unknown as { isTransactionActive: boolean; transactionDepth: number } | undefined,
  };
}

/**
 * After a failed transaction, SQLite and TypeORM can disagree: a COMMIT that fails with SQLITE_FULL may or may not
 * have ended the transaction, and TypeORM, whose rollback then fails too, keeps counting it as open, so that every
 * later transaction would be a savepoint inside one that never commits. Both are brought back to "no transaction".
 */
function closeLeftoverTransaction(dataSource: DataSource): void {
  const { database, runner } = sqliteConnection(dataSource);
  if (database?.inTransaction) database.exec('ROLLBACK');
  if (runner) {
    runner.isTransactionActive = false;
    runner.transactionDepth = 0;
  }
}

async function onSqlite<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>, deadline: number): Promise<T> {
  closeLeftoverTransaction(dataSource);
  for (;;) {
    try {
      return await dataSource.transaction(async (manager) => {
        takeSqliteWriteLock(dataSource);
        return work(manager);
      });
    } catch (error) {
      closeLeftoverTransaction(dataSource);
      if (!(error instanceof WriteLockBusy)) throw databaseFault(error) ?? error;
      const left = deadline - Date.now();
      if (left <= 0) throw new DatabaseFaultError(ErrorCode.DATABASE_BUSY, 'The database is busy (another process holds its write lock); nothing was written. Retry in a moment.');
      await sleep(Math.min(LOCK_RETRY_MS, left));
    }
  }
}

/**
 * Takes SQLite's write lock for the transaction just begun, without waiting: better-sqlite3 waits for a lock by
 * blocking the whole process, so the wait is done here instead, asynchronously, by trying again.
 */
function takeSqliteWriteLock(dataSource: DataSource): void {
  const { database } = sqliteConnection(dataSource);
  const busyTimeout = database.pragma('busy_timeout', { simple: true }) as number;
  database.pragma('busy_timeout = 0');
  try {
    // A write that changes nothing still takes the lock (RESERVED), as BEGIN IMMEDIATE would.
    database.prepare('UPDATE "migrations" SET "id" = "id" WHERE 0').run();
  } catch (error) {
    if (/^SQLITE_BUSY/.test((error as { code?: string }).code ?? '')) throw new WriteLockBusy();
    throw error;
  } finally {
    database.pragma(`busy_timeout = ${busyTimeout}`);
  }
}
