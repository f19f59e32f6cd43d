import 'reflect-metadata';
import { ConfigError, describeDatabase, loadConfig } from './app/config';
import { createDataSource } from './app/data-source';
import { PreparedDatabase, prepareDatabase } from './app/prepare';
import { createLogger } from './observability/logger';
import { PubSubUnreachableError } from './pubsub/pubsub';
import { startServer } from './app/server';

const SAME_SIGNAL_MS = 2000;

/** What a start did to the database, in words: an operator tells a new database from a reused one at a glance. */
function describePreparation(database: string, { created, migrated, seeded }: PreparedDatabase): string {
  const added = Object.entries(seeded.added).filter(([, count]) => count > 0);
  const skipped = seeded.skipped.length === 0 ? '' : ` (left out ${seeded.skipped.length} that refer to deleted facts)`;
  const seedWords = added.length === 0 ? `nothing new to seed${skipped}` : `seeded ${added.map(([kind, count]) => `${count} ${kind}`).join(', ')}${skipped}`;
  if (created) return `created the database ${database}: ${seedWords}`;
  const migrationWords = migrated.length === 0 ? 'schema up to date' : `applied ${migrated.join(', ')}`;
  return `reusing the database ${database}: ${migrationWords}, ${seedWords}`;
}

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`kb-graphql: configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const database = describeDatabase(config.database);
  const dataSource = createDataSource(config.database, { writeLockTimeoutMs: config.writeLockTimeoutMs });
  const prepared = await prepareDatabase(dataSource);
  logger.info({ database, ...prepared }, describePreparation(database, prepared));
  for (const entry of prepared.seeded.skipped) logger.warn(`left out ${entry}`);
  const server = await startServer({ config, dataSource, logger });
  logger.info(
    { url: server.url, subscriptionUrl: server.subscriptionUrl, graphiqlUrl: server.graphiqlUrl },
    `kb-graphql serves GraphQL at ${server.url} (subscriptions at ${server.subscriptionUrl}); GraphiQL at ${server.graphiqlUrl}`,
  );

  // Ctrl-C in a terminal reaches the server twice, from the terminal and from npm: a repeat within a moment is that
  // same Ctrl-C. A signal after that is someone in a hurry, and stops the server at once.
  let stoppingSince: number | null = null;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stoppingSince !== null) {
      if (Date.now() - stoppingSince < SAME_SIGNAL_MS) return;
      logger.warn({ signal }, 'another signal while stopping: stopping at once');
      process.exit(1);
    }
    stoppingSince = Date.now();
    logger.info({ signal }, 'shutting down: finishing the requests under way');
    try {
      await server.stop();
      await dataSource.destroy();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'could not stop cleanly');
      process.exit(1);
    }
  };
  process.on('SIGINT', (signal) => void shutdown(signal));
  process.on('SIGTERM', (signal) => void shutdown(signal));
}

/** A failure at start that the operator can fix, in one line naming what to change; null for anything else. */
function startupProblem(error: unknown): string | null {
  const code = (error as { code?: unknown; driverError?: { code?: unknown } })?.driverError?.code ?? (error as { code?: unknown })?.code;
  if (error instanceof PubSubUnreachableError) return error.message;
  if (code === 'EADDRINUSE') return `port ${process.env.PORT || 4000} is in use by another program: stop it, or set PORT to a free port (PORT=0 picks one)`;
  if (code === 'EACCES') return `the server may not listen on port ${process.env.PORT || 4000}: set PORT to a port above 1023`;
  if (typeof code === 'string' && /^SQLITE_(READONLY|CANTOPEN|PERM)/.test(code)) return `the database file cannot be opened for writing (${code}): check DATABASE_URL and the file's permissions`;
  return null;
}

main().catch((error) => {
  const problem = startupProblem(error);
  if (problem) console.error(`kb-graphql: cannot start: ${problem}`);
  else console.error('kb-graphql failed to start:', error);
  process.exit(1);
});
