import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import cors from 'cors';
import express from 'express';
import helmet from 'helmet';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import proxyAddr from 'proxy-addr';
import { assertMayRunMutation, mutationRoles } from '../auth/operation-authorization';
import { audienceOf } from '../auth/roles';
import { TokenService } from '../auth/token.service';
import { capConnectionsPerIp, closeSilentConnections } from '../limits/connections';
import { createRateLimits, limitHttpRequests, rateKeyOf } from '../limits/rate-limits';
import type { Context } from '../facts/context';
import { NodeService } from '../facts/node.service';
import { actorOf, createContextFactory, createServices } from './context';
import { createErrorFormatter, withCode } from '../errors/format-error';
import { GRAPHQL_PATH, graphqlOverHttp, requestErrorStatus, singleResultMediaType, varyByCaller } from '../http/graphql-over-http';
import { jsonErrorHandler, jsonNotFound } from '../http/http-errors';
import { idempotentMutations } from '../idempotency/idempotency';
import { accessLog, assignRequestId, logAnsweredEarly } from '../observability/access-log';
import { Metrics } from '../observability/metrics';
import { operationMetrics } from '../observability/operation-metrics';
import { documentLimitError, limitRules, MAX_REQUEST_BYTES } from '../limits/operation-limits';
import { assertQueryCost } from '../limits/query-cost';
import { GRAPHIQL_PATH } from '../graphiql/graphiql-page';
import { createGraphiQLRouter } from '../graphiql/graphiql.router';
import { publishCommittedChanges } from './change-publisher';
import { LiveFeed } from '../pubsub/live-feed';
import { createFactBus } from '../pubsub/pubsub';
import { serveGraphQLOverWebSocket } from './websocket';
import { readiness } from '../observability/readiness';
import { KIND_INDEX } from './kinds';
import { buildKbSchema } from './schema';
import { cacheResponses } from '../response-cache/cache-plugin';
import { dependenciesIn } from '../response-cache/dependencies';
import { ResponseCache } from '../response-cache/response-cache';
import { serveCachedAnswers } from '../response-cache/serve-cached';
import { revisionVersions } from '../revisions/revision-versions';
import { fieldsSelectedIn } from '../db/selection';
import { writesSettled } from '../db/write-transaction';
import { coalescing } from '../response-cache/versions';

export { GRAPHQL_PATH };

export interface KbServer {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** The same endpoint for subscriptions, e.g. ws://localhost:4000/graphql. */
  subscriptionUrl: string;
  /** The self-hosted GraphiQL, e.g. http://localhost:4000/graphiql. */
  graphiqlUrl: string;
  port: number;
  /** Subscriptions listening on this instance now. */
  liveSubscriptions(): number;
  /** Resolves once the subscriptions listening on this instance satisfy `condition`: tests and operators wait on it, never poll. */
  whenLiveSubscriptions(condition: (count: number) => boolean): Promise<void>;
  /** Closes every WebSocket (1001, "Going away"), drains HTTP requests and disconnects the pub/sub. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  config: Config;
  dataSource: DataSource;
  logger: Logger;
}

/** Serves GraphQL over HTTP and WebSocket at /graphql on the configured port (0 picks a free one). */
export async function startServer({ config, dataSource, logger }: ServerOptions): Promise<KbServer> {
  const tokens = new TokenService(dataSource);
  const metrics = new Metrics();
  const bus = await createFactBus(config.pubsubUrl, logger, config.pubsubChannelPrefix, (message) => metrics.pubsubLag.observe(Math.max(0, Date.now() - message.publishedAt) / 1000));
  bus.watchAvailability((available) => metrics.pubsubChanged(available));
  // Versions read from the database itself: every instance sharing it sees a write as soon as it has committed.
  const cache = config.responseCacheMb > 0 ? new ResponseCache(coalescing(revisionVersions(dataSource)), config.responseCacheMb * 1024 * 1024, (result) => metrics.responseCacheLookups.inc({ result })) : null;
  const onCommitted = publishCommittedChanges(bus, KIND_INDEX);
  // The live feed reads each published fact as the public sees it: with services of no one's.
  const anonymous = () => createServices(dataSource, { currentActor: async () => null, onCommitted, feed: null });
  const feed = new LiveFeed(bus, (entity, id) => anonymous().get(NodeService).byId(entity as never, id), config.maxReplayEvents);
  metrics.countLiveSubscriptions(() => feed.listening);
  const rateLimits = createRateLimits(config.rateLimits, config.pubsubUrl, config.pubsubChannelPrefix, (policy) => metrics.rateLimited.inc({ policy }), () => bus.available);
  const contextFor = createContextFactory({ dataSource, tokens, feed, onCommitted, rateLimits, timeBudgetMs: config.requestTimeBudgetMs });
  const schema = await buildKbSchema(bus.pubSub);
  const roles = mutationRoles();
  const app = express();
  app.set('trust proxy', config.trustProxy);
  // Express's request.ip, for requests answered before Express too.
  const clientIpOf = (request: http.IncomingMessage) => proxyAddr(request, app.get('trust proxy fn'));
  const securityHeaders = helmet({ contentSecurityPolicy: false });
  // Browser code may read what tells it to wait, retry, or match our logs.
  const corsHeaders = cors({ origin: config.corsOrigins, maxAge: 600, exposedHeaders: ['Retry-After', 'RateLimit', 'RateLimit-Policy', 'X-Request-Id', 'Idempotent-Replayed'] });
  const rateLimited = limitHttpRequests(rateLimits, clientIpOf);
  let draining = false;
  const answerEarly = cache && answerFromCache(cache, { securityHeaders, corsHeaders, rateLimited, logged: logAnsweredEarly(logger, metrics, clientIpOf) });
  // Node checks these timeouts every connectionsCheckingInterval (30 s by default): a trickling client would outlive them.
  const httpServer = http.createServer(
    { headersTimeout: config.headersTimeoutMs, requestTimeout: config.requestTimeoutMs, connectionsCheckingInterval: 1000 },
    answerEarly ? (request, response) => (draining ? app(request, response) : answerEarly(request, response, () => app(request, response))) : app,
  );
  httpServer.maxConnections = config.maxConnections;
  httpServer.keepAliveTimeout = Math.min(5000, config.idleTimeoutMs);
  capConnectionsPerIp(httpServer, config.maxConnectionsPerIp);
  closeSilentConnections(httpServer, config.idleTimeoutMs);
  const formatError = createErrorFormatter(logger, config.production);
  const selectedFields = fieldsSelectedIn(schema);
  const closeWebSockets = serveGraphQLOverWebSocket({
    httpServer,
    path: GRAPHQL_PATH,
    schema,
    selectedFields,
    logger,
    contextFor,
    refresh: (context) => ({ ...context, services: context.services.forNextExecution() }),
    audience: async (context) => audienceOf(await actorOf(context.authenticate)),
    maxSubscriptionsPerConnection: config.maxSubscriptionsPerConnection,
    formatError: (error) => {
      const coded = withCode(error);
      const formatted = formatError(coded.toJSON(), coded);
      // The HTTP status an error carries means nothing on a WebSocket.
      const { http: _http, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    },
    keepAliveMs: config.keepAliveMs,
    connectionInitTimeoutMs: config.connectionInitTimeoutMs,
    maxQueryCost: config.maxQueryCost,
    limits: config.limits,
    rateLimits,
    mutationRoles: roles,
    metrics,
    clientIp: (request) => rateKeyOf(clientIpOf(request)),
  });
  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    validationRules: limitRules(config.limits),
    includeStacktraceInErrorResponses: !config.production,
    // Reads are public, and GraphiQL's docs and completion need the schema, in production too.
    introspection: true,
    // main.ts drains on SIGTERM and SIGINT; Apollo's own handler would stop the server under it and re-raise the signal.
    stopOnTerminationSignals: false,
    // Reads are public and writes need a bearer token, which a cross-site form cannot send: Apollo's CSRF check would
    // only make plain GET queries need an extra header.
    csrfPrevention: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Every field would be instrumented for a header that graphqlOverHttp sets itself.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { serverWillStart: async () => ({ drainServer: closeWebSockets }) },
      graphqlOverHttp(),
      ...(cache ? [cacheResponses<Context>(cache, dependenciesIn(schema, (type) => KIND_INDEX.storedWith(type)), singleResultMediaType, () => writesSettled(dataSource))] : []),
      operationMetrics(metrics),
      idempotentMutations(dataSource),
      {
        requestDidStart: async () => ({
          didResolveOperation: async ({ document, request, contextValue }) => {
            const cost = assertQueryCost(schema, document, request.variables, request.operationName, config.maxQueryCost);
            contextValue.record.cost = cost;
            if (cost !== undefined) metrics.operationCost.observe(cost);
            await assertMayRunMutation(document, request.operationName, roles, contextValue.authenticate);
            // An operation left unestimated (its variables are invalid) is refused before anything runs: nothing to read ahead for.
            if (cost !== undefined) contextValue.services.lookAhead(selectedFields(document, request.operationName));
          },
        }),
      },
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.use(accessLog(logger, metrics));
  // Once stopping, a request that reaches the server on a connection kept alive is refused before anything of it
  // runs: the connection may be closed under its answer, and a write must not commit unanswered.
  app.use((_request, response, next) => {
    if (!draining) return next();
    response
      .status(503)
      .set({ connection: 'close', 'retry-after': '1' })
      .json({ errors: [{ message: 'The server is shutting down: nothing was done; send the request again', extensions: { code: 'SHUTTING_DOWN', retryable: true } }] });
  });
  app.use(securityHeaders);
  app.use(compression());
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok', liveSubscriptions: feed.listening });
  });
  app.get('/metrics', async (_request, response) => {
    response.set('content-type', metrics.registry.contentType).set('cache-control', 'no-store').send(await metrics.registry.metrics());
  });
  app.get('/readyz', async (_request, response) => {
    const { ready, checks } = await readiness(dataSource, bus, config.pubsubUrl !== null);
    response.status(ready ? 200 : 503).set('cache-control', 'no-store').json({ status: ready ? 'ready' : 'not ready', checks });
  });
  app.use(createGraphiQLRouter({ graphqlPath: GRAPHQL_PATH }));
  app.all(
    GRAPHQL_PATH,
    corsHeaders,
    varyByCaller,
    rateLimited,
    express.json({ limit: MAX_REQUEST_BYTES }),
    (request, response, next) => {
      const tooLarge = documentLimitError(request.method === 'GET' ? request.query.query : request.body?.query, config.limits);
      if (tooLarge) response.status(requestErrorStatus(request.headers.accept)).json({ errors: [formatError(tooLarge.toJSON(), tooLarge)] });
      else next();
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const context = contextFor(req.headers.authorization, rateKeyOf(req.ip ?? 'unknown'));
        res.locals.operation = context.record;
        return context;
      },
    }),
  );
  app.get('/', (request, response) => {
    if (request.accepts(['json', 'html']) === 'html') response.redirect(302, GRAPHIQL_PATH);
    else response.json({ graphql: GRAPHQL_PATH, graphiql: GRAPHIQL_PATH, health: '/healthz' });
  });
  app.use(jsonNotFound);
  app.use(jsonErrorHandler(logger));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen({ port: config.port, host: config.host, backlog: config.listenBacklog }, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  const shownHost = !config.host || config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  const origin = `${shownHost}:${port}`;
  return {
    url: `http://${origin}${GRAPHQL_PATH}`,
    subscriptionUrl: `ws://${origin}${GRAPHQL_PATH}`,
    graphiqlUrl: `http://${origin}${GRAPHIQL_PATH}`,
    port,
    liveSubscriptions: () => feed.listening,
    whenLiveSubscriptions: (condition) => feed.whenListening(condition),
    stop: async () => {
      draining = true;
      await apollo.stop();
      await rateLimits.close();
      await bus.close();
    },
  };
}

type Middleware = (request: http.IncomingMessage, response: http.ServerResponse, next: () => void) => unknown;

/**
 * The response cache's hits, answered before Express with what Express would add to the same answer (security
 * headers, the request id, CORS, the rate limit, the access log line); everything else is Express's.
 */
function answerFromCache(cache: ResponseCache, hooks: { securityHeaders: Middleware; corsHeaders: Middleware; rateLimited: Middleware; logged: ReturnType<typeof logAnsweredEarly> }) {
  // A middleware that answers itself (a refusal) does not call next.
  const through = async (middleware: Middleware, request: http.IncomingMessage, response: http.ServerResponse) => {
    let passed = false;
    await middleware(request, response, () => (passed = true));
    return passed;
  };
  const serve = serveCachedAnswers(cache, GRAPHQL_PATH, {
    mediaTypeOf: singleResultMediaType,
    admit: async (request, response) => {
      assignRequestId(request, response);
      return (await through(hooks.securityHeaders, request, response)) && (await through(hooks.corsHeaders, request, response)) && (await through(hooks.rateLimited, request, response));
    },
    answered: (request, response, startedAt) => hooks.logged(request, response, String(response.getHeader('x-request-id')), startedAt),
  });
  return (request: http.IncomingMessage, response: http.ServerResponse, next: () => void) => {
    serve(request, response, next).catch(() => {
      // Whatever failed here, the full path can still answer, unless an answer has begun.
      if (!response.headersSent) next();
      else response.destroy();
    });
  };
}
