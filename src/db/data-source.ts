import { types as pgTypes } from 'pg';
import { DataSource, Logger } from 'typeorm';
import type { LoggerOptions } from 'typeorm/logger/LoggerOptions';
import type { DatabaseConfig } from '../config';
import { ApiToken } from '../auth/api-token.entity';
import { CasualtyReport } from '../casualties/casualty-report.entity';
import { Country } from '../countries/country.entity';
import { Event } from '../events/event.entity';
import { EventFigure } from '../events/event-figure.entity';
import { Official } from '../officials/official.entity';
import { Organization } from '../organizations/organization.entity';
import { Revision } from '../revisions/revision.entity';
import { Source } from '../sources/source.entity';
import { Statement } from '../statements/statement.entity';
import { InitialSchema1764190000000 } from '../../migrations/1764190000000-InitialSchema';
import { SearchIndex1764190000001 } from '../../migrations/1764190000001-SearchIndex';
import { Revisions1764190000002 } from '../../migrations/1764190000002-Revisions';
import { ApiTokens1764190000003 } from '../../migrations/1764190000003-ApiTokens';

export const ENTITIES = [Country, Organization, Official, Event, EventFigure, CasualtyReport, Statement, Source, Revision, ApiToken];
export const MIGRATIONS = [InitialSchema1764190000000, SearchIndex1764190000001, Revisions1764190000002, ApiTokens1764190000003];

export interface DataSourceOptions {
  /** Receives every SQL statement (tests count them). */
  logger?: Logger;
}

/**
 * Raw rows (cursor keys, counts) must read the same on both engines: a `date` stays the
 * YYYY-MM-DD text it is in SQLite, and a bigint (COUNT(*), search row ids) is a number.
 */
function readPostgresValuesAsSQLiteDoes(): void {
  pgTypes.setTypeParser(pgTypes.builtins.DATE, (value: string) => value);
  pgTypes.setTypeParser(pgTypes.builtins.INT8, (value: string) => Number(value));
}

/** The database as configured; the schema comes from the migrations, never from synchronize. */
export function createDataSource(config: DatabaseConfig, options: DataSourceOptions = {}): DataSource {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: options.logger ? (['query'] satisfies LoggerOptions) : false,
    logger: options.logger,
  };
  if (config.type === 'postgres') {
    readPostgresValuesAsSQLiteDoes();
    return new DataSource({ ...common, type: 'postgres', url: config.url });
  }
  return new DataSource({
    ...common,
    type: 'better-sqlite3',
    database: config.database,
    enableWAL: config.database !== ':memory:',
    // A write that returned success must survive a crash: sync the WAL on every commit.
    prepareDatabase: (database: { pragma(statement: string): unknown }) => {
      database.pragma('synchronous = FULL');
    },
  });
}
