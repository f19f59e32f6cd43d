import { DataSource } from 'typeorm';
import { seedDatabase, SeedReport } from '../seed/seed';
import { SETUP_LOCK } from './write-transaction';

/**
 * Opens the database, applies pending migrations and inserts the seed entries it lacks. On
 * PostgreSQL, instances starting together take turns, so that only the first one migrates.
 */
export async function prepareDatabase(dataSource: DataSource): Promise<SeedReport> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  if (dataSource.options.type !== 'postgres') return migrateAndSeed(dataSource);
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(${SETUP_LOCK})`);
    return await migrateAndSeed(dataSource);
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(${SETUP_LOCK})`);
    await lock.release();
  }
}

async function migrateAndSeed(dataSource: DataSource): Promise<SeedReport> {
  await dataSource.runMigrations({ transaction: 'each' });
  return seedDatabase(dataSource);
}
