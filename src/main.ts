import 'reflect-metadata';
import { ConfigError, describeDatabase, loadConfig } from './config';
import { createDataSource } from './db/data-source';
import { prepareDatabase } from './db/prepare';
import { createLogger } from './logger';
import { startServer } from './server';

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
  const dataSource = createDataSource(config.database);
  const seeded = await prepareDatabase(dataSource);
  logger.info({ database: describeDatabase(config.database), seeded }, 'database ready');
  const server = await startServer({ config, dataSource, logger });
  logger.info({ url: server.url, subscriptionUrl: server.subscriptionUrl }, `kb-graphql serves GraphQL at ${server.url} (subscriptions at ${server.subscriptionUrl})`);

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await server.stop();
    await dataSource.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error('kb-graphql failed to start:', error);
  process.exit(1);
});
