import { types as pgTypes } from 'pg';
import { DataSource, Logger } from 'typeorm';
import type { BaseDataSourceOptions } from 'typeorm/data-source/BaseDataSourceOptions';
import type { LoggerOptions } from 'typeorm/logger/LoggerOptions';
import { setWriteLockTimeout } from '../db/write-transaction';
import type { DatabaseConfig } from './config';
import { ApiToken } from '../auth/api-token.entity';
import { Revision } from '../facts/revision.entity';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity';
import { KINDS } from './kinds';
import { InitialSchema1764190000000 } from '../../migrations/1764190000000-InitialSchema';
import { SearchIndex1764190000001 } from '../../migrations/1764190000001-SearchIndex';
import { Revisions1764190000002 } from '../../migrations/1764190000002-Revisions';
import { ApiTokens1764190000003 } from '../../migrations/1764190000003-ApiTokens';
import { ActorDisplayNames1764190000004 } from '../../migrations/1764190000004-ActorDisplayNames';
import { IdempotencyKeys1764190000005 } from '../../migrations/1764190000005-IdempotencyKeys';
import { LiveCounts1764190000006 } from '../../migrations/1764190000006-LiveCounts';
import { RevisionVersions1764190000007 } from '../../migrations/1764190000007-RevisionVersions';

export const ENTITIES = [...KINDS.flatMap((kind) => [kind.entity, ...(kind.parts ?? [])]), Revision, ApiToken, IdempotencyKey];
export const MIGRATIONS = [InitialSchema1764190000000, SearchIndex1764190000001, Revisions1764190000002, ApiTokens1764190000003, ActorDisplayNames1764190000004, IdempotencyKeys1764190000005, LiveCounts1764190000006, RevisionVersions1764190000007];

export interface DataSourceOptions {
  /** Receives every SQL statement (tests count them). */
  logger?: Logger;
  /** How long a write waits for the write lock held by another process (WRITE_LOCK_TIMEOUT_MS). */
  writeLockTimeoutMs?: number;
}

/**
 * Raw rows (cursor keys, counts) must read the same on both engines: a `date` stays the
 * YYYY-MM-DD text it is in SQLite, and a bigint (COUNT(*), search row ids) is a number.
 */
function readPostgresValuesAsSQLiteDoes(): void {
  pgTypes.setTypeParser(pgTypes.builtins.DATE, (value: string) => value);
  pgTypes.setTypeParser(pgTypes.builtins.INT8, (value: string) => Number(value));
}

type CommonOptions = Pick<BaseDataSourceOptions, 'entities' | 'migrations' | 'migrationsRun' | 'synchronize' | 'logging' | 'logger'>;

/** The database as configured; the schema comes from the migrations, never from synchronize. */
export function createDataSource(config: DatabaseConfig, options: DataSourceOptions = {}): DataSource {
  const common: CommonOptions = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: options.logger ? (['query'] satisfies LoggerOptions) : false,
    logger: options.logger,
  };
  const dataSource = config.type === 'postgres' ? postgresDataSource(config.url, common) : sqliteDataSource(config.database, common);
  if (options.writeLockTimeoutMs !== undefined) setWriteLockTimeout(dataSource, options.writeLockTimeoutMs);
  return dataSource;
}

function postgresDataSource(url: string, common: CommonOptions): DataSource {
  readPostgresValuesAsSQLiteDoes();
  return new DataSource({ ...common, type: 'postgres', url });
}

function sqliteDataSource(database: string, common: CommonOptions): DataSource {
  return new DataSource({
    ...common,
    type: 'better-sqlite3',
    database,
    enableWAL: database !== ':memory:',
    // A write that returned success must survive a crash: sync the WAL on every commit.
    prepareDatabase: (database: { pragma(statement: string): unknown }) => {
      database.pragma('synchronous = FULL');
    },
  });
}
