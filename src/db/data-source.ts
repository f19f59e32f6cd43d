import { DataSource, Logger } from 'typeorm';
import { ApiToken } from '../auth/api-token.entity';
import type { DatabaseConfig } from '../config';
import { CasualtyReport } from '../casualties/casualty-report.entity';
import { Country } from '../countries/country.entity';
import { Event } from '../events/event.entity';
import { EventFigure } from '../events/event-figure.entity';
import { Official } from '../officials/official.entity';
import { Organization } from '../organizations/organization.entity';
import { Source } from '../sources/source.entity';
import { Revision } from '../revisions/revision.entity';
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

/** The database as configured; the schema comes from the migrations, never from synchronize. */
export function createDataSource(config: DatabaseConfig, options: DataSourceOptions = {}): DataSource {
  return new DataSource({
    type: 'better-sqlite3',
    database: config.database,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    enableWAL: config.database !== ':memory:',
    // A write that returned success must survive a crash: sync the WAL on every commit.
    prepareDatabase: (database: { pragma(statement: string): unknown }) => {
      database.pragma('synchronous = FULL');
    },
    logging: options.logger ? ['query'] : false,
    logger: options.logger,
  });
}
