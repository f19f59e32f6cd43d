import { statfs } from 'node:fs/promises';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { within } from '../pubsub/within';
import { writeTransaction } from '../db/write-transaction';
import type { FactBus } from '../pubsub/pubsub';

export interface Readiness {
  ready: boolean;
  checks: { database: string; migrations: string; pubsub: string };
}

const CHECK_TIMEOUT_MS = 2000;
/** Below this much free space beside an SQLite file, writes are about to fail (SQLite reuses its journal's space, so a small test write may still pass). */
const MIN_FREE_BYTES = 1024 * 1024;

async function sqliteDiskSpace(dataSource: DataSource): Promise<string> {
  const file = dataSource.options.type === 'better-sqlite3' ? String(dataSource.options.database) : ':memory:';
  if (file === ':memory:') return 'ok';
  const { bavail, bsize } = await statfs(path.dirname(file));
  const free = bavail * bsize;
  return free < MIN_FREE_BYTES ? `failing: only ${free} bytes free on the database's disk` : 'ok';
}

async function check(work: () => Promise<string>): Promise<string> {
  try {
    return await within(CHECK_TIMEOUT_MS, work());
  } catch (error) {
    return `failing: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Whether this instance can do its job, for `GET /readyz` (a load balancer sends it traffic only while ready): the
 * database takes a write (one that changes nothing, under the write lock) and, on SQLite, its disk has room, every
 * migration is applied, and the live
 * feed's Redis, when there is one, is connected.
 */
export async function readiness(dataSource: DataSource, bus: FactBus, pubsubConfigured: boolean): Promise<Readiness> {
  const [database, migrations] = await Promise.all([
    check(async () => {
      await writeTransaction(dataSource, (manager) => manager.query(`UPDATE "migrations" SET "timestamp" = "timestamp" WHERE "id" = (SELECT MIN("id") FROM "migrations")`));
      return sqliteDiskSpace(dataSource);
    }),
    check(async () => ((await dataSource.showMigrations()) ? 'failing: migrations are pending' : 'ok')),
  ]);
  const pubsub = !pubsubConfigured ? 'not configured' : bus.available ? 'ok' : 'failing: not connected to Redis';
  return { ready: [database, migrations, pubsub].every((state) => !state.startsWith('failing')), checks: { database, migrations, pubsub } };
}
