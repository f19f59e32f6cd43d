import type { DataSource } from 'typeorm';
import { within } from './common/within';
import { writeTransaction } from './db/write-transaction';
import type { FactBus } from './pubsub/pubsub';

export interface Readiness {
  ready: boolean;
  checks: { database: string; migrations: string; pubsub: string };
}

const CHECK_TIMEOUT_MS = 2000;

async function check(work: () => Promise<string>): Promise<string> {
  try {
    return await within(CHECK_TIMEOUT_MS, work());
  } catch (error) {
    return `failing: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Whether this instance can do its job, for `GET /readyz` (a load balancer sends it traffic only while ready): the
 * database takes a write (an empty transaction that takes the write lock), every migration is applied, and the live
 * feed's Redis, when there is one, is connected.
 */
export async function readiness(dataSource: DataSource, bus: FactBus, pubsubConfigured: boolean): Promise<Readiness> {
  const [database, migrations] = await Promise.all([
    check(async () => {
      await writeTransaction(dataSource, async () => undefined);
      return 'ok';
    }),
    check(async () => ((await dataSource.showMigrations()) ? 'failing: migrations are pending' : 'ok')),
  ]);
  const pubsub = !pubsubConfigured ? 'not configured' : bus.available ? 'ok' : 'failing: not connected to Redis';
  return { ready: [database, migrations, pubsub].every((state) => !state.startsWith('failing')), checks: { database, migrations, pubsub } };
}
