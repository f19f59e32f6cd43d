import { DataSource } from 'typeorm';
import { SETUP_LOCK } from '../db/write-transaction';
import { seedDatabase, SeedReport } from '../seed/seed';
import { createServices } from './context';
import { KINDS } from './kinds';

export interface PreparedDatabase {
  /** True when this start created the schema: the database was new (or empty). */
  created: boolean;
  /** Names of the migrations this start applied; empty when the schema was current. */
  migrated: string[];
  /** What the seed added this start, by kind, and what it left out. */
  seeded: SeedReport;
}

/**
 * Opens the database, applies pending migrations and adds the seed entries it lacks, as mutations would. On
 * PostgreSQL, instances starting together take turns, so that only the first one migrates.
 */
export async function prepareDatabase(dataSource: DataSource): Promise<PreparedDatabase> {
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

async function migrateAndSeed(dataSource: DataSource): Promise<PreparedDatabase> {
  const inspector = dataSource.createQueryRunner();
  const created = !(await inspector.hasTable('migrations'));
  await inspector.release();
  const migrated = await dataSource.runMigrations({ transaction: 'each' });
  return { created, migrated: migrated.map((migration) => migration.name), seeded: await seedDatabase(dataSource, KINDS, (writing) => createServices(dataSource, { ...writing, onCommitted: () => {}, feed: null })) };
}
