import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/roles';
import { type Authentication, claimedTokenId, type TokenService } from '../auth/token.service';
import { Loaders } from '../db/loaders';
import type { Context } from '../facts/context';
import { FactWriter, type FactWriterOptions } from '../facts/fact-writer';
import { Services } from '../facts/services';
import type { IdempotencyHolder } from '../idempotency/idempotency';
import { RateLimitedError, type RateLimits } from '../limits/rate-limits';
import { newOperationRecord } from '../observability/metrics';
import type { LiveFeed } from '../pubsub/live-feed';
import { KIND_INDEX } from './kinds';

export interface ServicesOptions extends FactWriterOptions {
  /** The live feed; null where nobody listens (the seed at start-up). */
  feed: LiveFeed | null;
  /** REQUEST_TIME_BUDGET_MS: reads asked for after it has run out are refused. */
  timeBudgetMs?: number;
}

/**
 * The services of one request; they share its loaders, so everything it reads is batched and cached for it alone,
 * and its writer, which records the request's actor in every revision.
 */
export function createServices(dataSource: DataSource, options: ServicesOptions): Services {
  const timeBudgetMs = options.timeBudgetMs ?? Infinity;
  const loaders = new Loaders(dataSource, KIND_INDEX.childLists, Date.now() + timeBudgetMs, timeBudgetMs);
  return new Services({
    dataSource,
    loaders,
    writer: new FactWriter(dataSource, KIND_INDEX, { ...options, onWritten: () => loaders.forget() }),
    kinds: KIND_INDEX,
    feed: options.feed,
    fresh: () => createServices(dataSource, { ...options, idempotency: undefined, transaction: undefined, onCreated: undefined }),
  });
}

/** The actor of a verified token, null for anonymous or invalid ones. */
export async function actorOf(authenticate: () => Promise<Authentication>): Promise<Actor | null> {
  const authentication = await authenticate();
  return authentication.status === 'valid' ? authentication.actor : null;
}

export interface ContextOptions {
  dataSource: DataSource;
  tokens: TokenService;
  feed: LiveFeed;
  onCommitted: FactWriterOptions['onCommitted'];
  rateLimits: Pick<RateLimits, 'authFailures' | 'tokenRequests'>;
  timeBudgetMs: number;
}

/**
 * Builds the context of an operation from its credentials: the HTTP Authorization header, or
 * the `authorization` connection parameter of a WebSocket. The token is verified lazily, once.
 */
export function createContextFactory({ dataSource, tokens, feed, onCommitted, rateLimits, timeBudgetMs }: ContextOptions) {
  return (authorization: string | undefined, clientIp: string): Context => {
    let authentication: Promise<Authentication> | undefined;
    const authenticate = () => (authentication ??= authenticateCounting(tokens, rateLimits, authorization, clientIp));
    const idempotency: IdempotencyHolder = { claim: null };
    const services = createServices(dataSource, { currentActor: () => actorOf(authenticate), onCommitted, idempotency, feed, timeBudgetMs });
    return { services, authenticate, record: newOperationRecord(), idempotency };
  };
}

/**
 * Verifies credentials, counting the failures of each client IP: past the limit, that IP's credentials are refused
 * with RATE_LIMITED without being checked, so that guessing tokens gets nowhere. A verified token's uses are counted
 * too, per token, whatever the IP: counting before the check would let anyone spend another's allowance.
 */
async function authenticateCounting(tokens: TokenService, { authFailures, tokenRequests }: Pick<RateLimits, 'authFailures' | 'tokenRequests'>, authorization: string | undefined, clientIp: string): Promise<Authentication> {
  if (authorization && authFailures) {
    const blocked = await authFailures.refuses(clientIp);
    if (blocked) throw new RateLimitedError(blocked);
  }
  const authentication = await tokens.authenticate(authorization);
  if (authentication.status === 'invalid') await authFailures?.take(clientIp);
  if (authentication.status === 'valid' && tokenRequests) {
    const decision = await tokenRequests.take(claimedTokenId(authorization)!);
    if (!decision.allowed) throw new RateLimitedError(decision);
  }
  return authentication;
}
