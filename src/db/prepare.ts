import { DataSource } from 'typeorm';
import { seedDatabase, SeedReport } from '../seed/seed';

/** Opens the database, applies pending migrations and inserts the seed entries it lacks. */
export async function prepareDatabase(dataSource: DataSource): Promise<SeedReport> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return seedDatabase(dataSource);
}
