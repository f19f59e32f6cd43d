import 'reflect-metadata';
import pino from 'pino';
import type { DataSource, Logger as TypeOrmLogger } from 'typeorm';
import { loadConfig } from '../../src/app/config';
import { createDataSource } from '../../src/app/data-source';
import { prepareDatabase } from '../../src/app/prepare';
import { startServer } from '../../src/app/server';
import { createTestDatabase, testEngine, uniqueChannelPrefix } from './database';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

export interface TestServer {
  url: string;
  subscriptionUrl: string;
  /** Subscriptions the server is listening for now. */
  liveSubscriptions(): number;
  /** Resolves when the server says its live subscriptions satisfy `condition` (no polling). */
  whenLiveSubscriptions(condition: (count: number) => boolean): Promise<void>;
  dataSource: DataSource;
  /** POSTs one operation to /graphql and returns the status and parsed body. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/** Counts the SQL statements TypeORM sends, to assert that batching bounds them. */
export class StatementCounter implements TypeOrmLogger {
  count = 0;
  statements: string[] = [];
  /** Called as each statement is sent, before it runs. */
  onStatement: ((query: string) => void) | null = null;
  logQuery(query: string) {
    this.count += 1;
    this.statements.push(query);
    this.onStatement?.(query);
  }
  reset() {
    this.count = 0;
    this.statements = [];
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

export interface TestServerOptions {
  /** The database to serve; by default a new one of this run's engine (in-memory SQLite, or a fresh PostgreSQL database), dropped on stop. */
  databaseUrl?: string;
  env?: Record<string, string>;
  logger?: TypeOrmLogger;
  /** Where the server's own log lines go (JSON, level info); nowhere by default. */
  logLines?: string[];
}

/** A real server on a free port over a database migrated by the real migrations and seeded. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const ownDatabase = options.databaseUrl || testEngine() === 'sqlite' ? null : await createTestDatabase();
  const databaseUrl = options.databaseUrl ?? ownDatabase?.url ?? 'sqlite::memory:';
  // Rate limits are off unless a test turns them on: a test file sends more from 127.0.0.1 in a minute than a client would.
  const config = loadConfig({ PORT: '0', DATABASE_URL: databaseUrl, PUBSUB_CHANNEL_PREFIX: uniqueChannelPrefix(), RATE_LIMIT: 'off', ...options.env });
  const dataSource = createDataSource(config.database, { logger: options.logger, writeLockTimeoutMs: config.writeLockTimeoutMs });
  await prepareDatabase(dataSource);
  const logLines = options.logLines;
  const logger = logLines ? pino({ level: 'info' }, { write: (line: string) => logLines.push(line) }) : pino({ level: 'silent' });
  const server = await startServer({ config, dataSource, logger });
  return {
    url: server.url,
    subscriptionUrl: server.subscriptionUrl,
    liveSubscriptions: server.liveSubscriptions,
    whenLiveSubscriptions: server.whenLiveSubscriptions,
    dataSource,
    gql: (query, variables, headers) => postGraphQL(server.url, query, variables, headers),
    stop: async () => {
      await server.stop();
      await dataSource.destroy();
      await ownDatabase?.drop();
    },
  };
}

/**
 * POSTs one operation as a current GraphQL client does: asking for application/graphql-response+json, under which a
 * request error is a 400 (a client that accepts only application/json gets 200; see tests/graphql-over-http.test.ts).
 */
export async function postGraphQL<T = any>(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json;q=0.9', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

/** The data of a response that must have no errors. */
export function dataOf<T = any>(response: GraphQLResponse<T>): T {
  if (response.errors?.length) throw new Error(`unexpected GraphQL errors: ${JSON.stringify(response.errors, null, 2)}`);
  return response.data as T;
}

/** The codes of a response's errors. */
export function errorCodes(response: GraphQLResponse): (string | undefined)[] {
  return (response.errors ?? []).map((error) => error.extensions?.code);
}
