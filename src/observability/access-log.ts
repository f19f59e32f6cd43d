import type { RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Metrics, OperationRecord } from './metrics';

/** A client's own request id is kept when it looks like one (X-Request-Id), so that its logs and ours line up. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** Probes a balancer sends every few seconds: counted, not logged. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0];
}

function routeOf(path: string): string {
  if (path === '/graphql' || path === '/graphql/') return 'graphql';
  if (path.startsWith('/graphiql')) return 'graphiql';
  if (PROBES.has(path)) return 'probe';
  return 'other';
}

/** The request's id: the client's own X-Request-Id where it looks like one, else a new one; echoed back. */
export function assignRequestId(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}

/** The GraphQL side of a request, put on the response by the GraphQL handler. */
function operationRecordOf(response: ServerResponse): OperationRecord | undefined {
  return (response as ServerResponse & { locals?: { operation?: OperationRecord } }).locals?.operation;
}

/**
 * One JSON line per request (pino-http): its id (X-Request-Id, echoed back), method, path (never the query string, which
 * can hold a whole query and its variables), client IP, status, duration, and for GraphQL the operation's type, name,
 * cost and error codes. Headers are left out, so no token is ever logged. Client errors are `info`; only the server's
 * own failures are `error`.
 */
export function accessLog(logger: Logger, metrics: Metrics): RequestHandler[] {
  const log = pinoHttp<IncomingMessage, ServerResponse>({
    logger,
    genReqId: assignRequestId,
    autoLogging: { ignore: (request) => PROBES.has(pathOf(request.url)) },
    customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: (request, response) => `${request.method} ${pathOf(request.url)} ${response.statusCode}`,
    customErrorMessage: (request, response) => `${request.method} ${pathOf(request.url)} ${response.statusCode}`,
    serializers: {
      // Express's request.ip: the client's address as TRUST_PROXY says to read it.
      req: (request: { id: string; method: string; url: string; raw?: { ip?: string } }) => ({ id: request.id, method: request.method, path: pathOf(request.url), ip: request.raw?.ip }),
      res: (response: { statusCode: number }) => ({ status: response.statusCode }),
    },
    customProps: (_request, response) => {
      const operation = operationRecordOf(response);
      const described = operation && (operation.operationType || operation.errorCodes.length > 0);
      return described ? { operation: { type: operation.operationType, name: operation.operationName, cost: operation.cost, errors: operation.errorCodes } } : {};
    },
  });
  const count: RequestHandler = (request, response, next) => {
    response.once('finish', () => metrics.httpRequests.inc({ route: routeOf(request.path), status: String(response.statusCode) }));
    next();
  };
  return [log, count];
}

/**
 * The access log line and the count of a request answered before Express (from the response cache), in the shape
 * pino-http gives every other one, with `cache: "hit"` when it was served from there (not when it was refused).
 */
export function logAnsweredEarly(logger: Logger, metrics: Metrics, clientIpOf: (request: IncomingMessage) => string) {
  return (request: IncomingMessage, response: ServerResponse, requestId: string, startedAt: bigint): void => {
    metrics.httpRequests.inc({ route: routeOf(pathOf(request.url)), status: String(response.statusCode) });
    if (!logger.isLevelEnabled('info')) return;
    const responseTime = Math.round(Number(process.hrtime.bigint() - startedAt) / 1e6);
    const path = pathOf(request.url);
    const cache = response.getHeader('x-cache') === 'HIT' ? { cache: 'hit' } : {};
    logger.info({ req: { id: requestId, method: request.method, path, ip: clientIpOf(request) }, res: { status: response.statusCode }, responseTime, ...cache }, `${request.method} ${path} ${response.statusCode}`);
  };
}
