import { DocumentNode, ExecutionArgs, getOperationAST, GraphQLError, GraphQLFormattedError, GraphQLSchema, parse, specifiedRules, validate } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { IncomingMessage, Server } from 'node:http';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import { assertMayRunMutation } from '../auth/operation-authorization';
import type { Role } from '../auth/roles';
import type { Context } from '../facts/context';
import { documentLimitError, limitRules, MAX_REQUEST_BYTES, OperationLimits } from '../limits/operation-limits';
import { assertQueryCost } from '../limits/query-cost';
import { RateLimitedError, rateLimitHeaders, type RateLimits } from '../limits/rate-limits';
import type { Metrics } from '../observability/metrics';
import type { SelectedFields } from '../db/selection';
import { subscribeSharingExecution } from '../pubsub/shared-execution';

export interface WebSocketOptions {
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  /** The fields an operation selects on each type, for the loaders to read relations with their owners, as over HTTP. */
  selectedFields(document: DocumentNode, operationName: string | null | undefined): SelectedFields;
  logger: Logger;
  /** The context of an operation, from the `authorization` connection parameter (same token as HTTP). */
  contextFor(authorization: string | undefined, clientIp: string): Context;
  /** The key a client is counted under, as over HTTP: its IP as TRUST_PROXY says to read it (its /64 for IPv6). */
  clientIp(request: IncomingMessage): string;
  rateLimits: RateLimits;
  metrics: Metrics;
  /** The roles of the Mutation fields: a mutation is refused as a whole before it runs, as over HTTP. */
  mutationRoles: Map<string, Role[]>;
  /** A copy of an operation's context with fresh services, for each delivered event. */
  refresh(context: Context): Context;
  /** Which callers are shown the same answers as this one: subscribers in one audience share each execution. */
  audience(context: Context): Promise<string | null>;
  maxSubscriptionsPerConnection: number;
  /** The same formatting as over HTTP: stable codes, nothing internal leaked. */
  formatError(error: GraphQLError): GraphQLFormattedError;
  keepAliveMs: number;
  maxQueryCost: number;
  limits: OperationLimits;
  connectionInitTimeoutMs: number;
}

/**
 * What graphql-ws would do before executing an operation, held to the same limits as over HTTP and in the same
 * order: the text's size before parsing, then graphql-js's validation with the limit rules, then the cost. Any
 * failure is a list of errors for this operation alone; the socket and its other subscriptions carry on.
 */
async function prepareOperation(options: WebSocketOptions, rules: typeof specifiedRules, payload: SubscribePayload, context: Context): Promise<GraphQLError[] | ExecutionArgs> {
  const tooLarge = documentLimitError(payload.query, options.limits);
  if (tooLarge) return [tooLarge];
  let document: DocumentNode;
  try {
    document = parse(payload.query);
  } catch (error) {
    const message = error instanceof GraphQLError ? error.message : 'The query could not be parsed';
    return [new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
  }
  const invalid = validate(options.schema, document, rules);
  if (invalid.length > 0) return [...invalid];
  try {
    const cost = assertQueryCost(options.schema, document, payload.variables ?? undefined, payload.operationName ?? undefined, options.maxQueryCost);
    await assertMayRunMutation(document, payload.operationName, options.mutationRoles, context.authenticate);
    // As over HTTP: an operation left unestimated (its variables are invalid) is refused before anything runs.
    if (cost !== undefined) context.services.lookAhead(options.selectedFields(document, payload.operationName));
  } catch (error) {
    if (error instanceof GraphQLError) return [error];
    throw error;
  }
  return { schema: options.schema, document, variableValues: payload.variables, operationName: payload.operationName, contextValue: context };
}

/**
 * A client that breaks the WebSocket protocol (a message over maxPayload, a bad frame) is closed by ws itself, with
 * 1009 or 1002, and ws then emits the error on the socket, where graphql-ws would print it with console.error as an
 * internal error. It is the client's, not ours: logged as such, and not passed on.
 */
function quietenProtocolErrors(webSocket: WebSocket, logger: Logger): void {
  const emit = webSocket.emit.bind(webSocket);
  webSocket.emit = ((event: string | symbol, ...args: unknown[]) => {
    const code = (args[0] as { code?: unknown } | undefined)?.code;
    if (event === 'error' && typeof code === 'string' && code.startsWith('WS_ERR_')) {
      logger.info({ code, message: (args[0] as Error).message }, 'closed a WebSocket whose client broke the protocol');
      return true;
    }
    return emit(event, ...args);
  }) as typeof webSocket.emit;
}

/**
 * Closes with 1008 (policy violation) a socket that sends more than `perMinute` messages in a minute: a flood of
 * pings or subscribe messages would otherwise cost the server work for each one.
 */
function closeFloodingSockets(webSocketServer: WebSocketServer, perMinute: number): void {
  webSocketServer.on('connection', (socket) => {
    let windowStart = Date.now();
    let messages = 0;
    socket.on('message', () => {
      const now = Date.now();
      if (now - windowStart >= 60_000) {
        windowStart = now;
        messages = 0;
      }
      messages += 1;
      if (messages === perMinute + 1) socket.close(1008, `More than ${perMinute} messages a minute (RATE_LIMIT_WS_MESSAGES_PER_MINUTE)`);
    });
  });
}

function authorizationOf(connectionParams: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = connectionParams?.authorization ?? connectionParams?.Authorization;
  return typeof value === 'string' ? value : undefined;
}

/**
 * GraphQL over WebSocket (the graphql-ws protocol) on the HTTP server's port and path. Returns
 * what closes every socket (code 1001, "Going away") on shutdown.
 */
export function serveGraphQLOverWebSocket(options: WebSocketOptions): () => Promise<void> {
  const { webSocketConnections, webSocketOperations, webSocketMessagesPerMinute } = options.rateLimits;
  // Upgrades are taken from the HTTP server by hand (noServer), so that the HTTP server's own errors (a taken port)
  // stay the HTTP server's, rather than being reported by graphql-ws as its own.
  const webSocketServer = new WebSocketServer({
    noServer: true,
    path: options.path,
    maxPayload: MAX_REQUEST_BYTES,
    // Connections opened per IP and minute, refused with 429 before the upgrade.
    verifyClient: webSocketConnections
      ? ({ req }, accept) => {
          webSocketConnections.take(options.clientIp(req)).then(
            (decision) => (decision.allowed ? accept(true) : accept(false, 429, 'Too Many Requests', rateLimitHeaders(decision))),
            (error) => {
              options.logger.error({ err: error }, 'could not check the WebSocket connection rate');
              accept(true);
            },
          );
        }
      : undefined,
  });
  options.httpServer.on('upgrade', (request, socket, head) => {
    if (!webSocketServer.shouldHandle(request)) {
      socket.destroy();
      return;
    }
    webSocketServer.handleUpgrade(request, socket, head, (webSocket) => {
      quietenProtocolErrors(webSocket, options.logger);
      options.metrics.webSocketConnections.inc();
      webSocket.once('close', () => options.metrics.webSocketConnections.dec());
      webSocketServer.emit('connection', webSocket, request);
    });
  });
  if (webSocketMessagesPerMinute) closeFloodingSockets(webSocketServer, webSocketMessagesPerMinute);
  const rules = [...specifiedRules, ...limitRules(options.limits)];
  const cleanup = useServer<Record<string, unknown>>(
    {
      schema: options.schema,
      connectionInitWaitTimeout: options.connectionInitTimeoutMs,
      subscribe: subscribeSharingExecution(options.refresh, options.audience),
      // ctx.subscriptions holds the operations under way, this new one included, however earlier ones ended.
      onSubscribe: async (ctx, _id, payload) => {
        if (webSocketOperations) {
          const decision = await webSocketOperations.take(options.clientIp(ctx.extra.request));
          if (!decision.allowed) return [new RateLimitedError(decision)];
        }
        if (Object.keys(ctx.subscriptions).length > options.maxSubscriptionsPerConnection) {
          return [
            new GraphQLError(`A connection may hold at most ${options.maxSubscriptionsPerConnection} subscriptions; complete one or open another connection`, {
              extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' },
            }),
          ];
        }
        const context = options.contextFor(authorizationOf(ctx.connectionParams), options.clientIp(ctx.extra.request));
        const prepared = await prepareOperation(options, rules, payload, context);
        if (Array.isArray(prepared)) context.record.errorCodes = prepared.map((error) => String(error.extensions.code ?? 'GRAPHQL_VALIDATION_FAILED'));
        else context.record.operationType = getOperationAST(prepared.document, prepared.operationName)?.operation;
        options.metrics.operationDone('websocket', context.record);
        return prepared;
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: result.errors.map(options.formatError) } : undefined),
      onError: (_ctx, _id, _payload, errors) => errors.map(options.formatError),
    },
    webSocketServer,
    options.keepAliveMs,
  );
  return async () => {
    await cleanup.dispose();
  };
}
