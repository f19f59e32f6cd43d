import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import helmet from 'helmet';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { Context, createServices } from './context';
import { Authentication, TokenService } from './auth/token.service';
import { createErrorFormatter } from './errors/format-error';
import type { ChangeListener } from './revisions/fact-writer';
import { buildKbSchema } from './schema';

export const GRAPHQL_PATH = '/graphql';

export interface KbServer {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface ServerOptions {
  config: Pick<Config, 'port' | 'production' | 'corsOrigins'>;
  dataSource: DataSource;
  logger: Logger;
}

/** Serves GraphQL over HTTP at /graphql on the configured port (0 picks a free one). */
export async function startServer({ config, dataSource, logger }: ServerOptions): Promise<KbServer> {
  const tokens = new TokenService(dataSource);
  const onCommitted: ChangeListener = () => {};
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    schema: await buildKbSchema(),
    formatError: createErrorFormatter(logger, config.production),
    includeStacktraceInErrorResponses: !config.production,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.use(helmet({ contentSecurityPolicy: false }));
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.use(
    GRAPHQL_PATH,
    cors({ origin: config.corsOrigins, maxAge: 600 }),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        let authentication: Promise<Authentication> | undefined;
        const authenticate = () => (authentication ??= tokens.authenticate(req.headers.authorization));
        const currentActor = async () => {
          const result = await authenticate();
          return result.status === 'valid' ? result.actor : null;
        };
        return { services: createServices(dataSource, currentActor, onCommitted), authenticate };
      },
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://localhost:${port}${GRAPHQL_PATH}`,
    port,
    stop: () => apollo.stop(),
  };
}
