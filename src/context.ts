import { DataSource } from 'typeorm';
import type { Actor } from './auth/roles';
import { type Authentication, claimedTokenId, type TokenService } from './auth/token.service';
import { CasualtyReportService } from './casualties/casualty-report.service';
import { CountryService } from './countries/country.service';
import { Loaders } from './db/loaders';
import type { IdempotencyHolder } from './idempotency/idempotency';
import { RateLimitedError, type RateLimits } from './limits/rate-limits';
import { newOperationRecord, type OperationRecord } from './observability/metrics';
import { EventService } from './events/event.service';
import { NodeService } from './node/node.service';
import { OfficialService } from './officials/official.service';
import { OrganizationService } from './organizations/organization.service';
import type { LiveFeed } from './pubsub/live-feed';
import { ChangeListener, FactWriter } from './revisions/fact-writer';
import { RevisionService } from './revisions/revision.service';
import { SearchService } from './search/search.service';
import { SourceService } from './sources/source.service';
import { StatementService } from './statements/statement.service';

/**
 * The services of one request; they share its loaders, so everything it reads is batched and
 * cached for it alone, and its writer, which records the request's actor in every revision.
 */
export function createServices(dataSource: DataSource, currentActor: () => Promise<Actor | null>, onCommitted: ChangeListener, idempotency?: IdempotencyHolder, timeBudgetMs = Infinity) {
  const loaders = new Loaders(dataSource, Date.now() + timeBudgetMs, timeBudgetMs);
  const writer = new FactWriter(dataSource, currentActor, onCommitted, idempotency);
  return {
    writer,
    nodes: new NodeService(loaders),
    countries: new CountryService(dataSource, loaders, writer),
    organizations: new OrganizationService(dataSource, loaders, writer),
    officials: new OfficialService(dataSource, loaders, writer),
    events: new EventService(dataSource, loaders, writer),
    casualties: new CasualtyReportService(dataSource, loaders, writer),
    statements: new StatementService(dataSource, loaders, writer),
    sources: new SourceService(dataSource, loaders, writer),
    search: new SearchService(dataSource, loaders),
    revisions: new RevisionService(dataSource, loaders),
  };
}

export type Services = ReturnType<typeof createServices>;

/** The actor of a verified token, null for anonymous or invalid ones. */
export async function actorOf(authenticate: () => Promise<Authentication>): Promise<Actor | null> {
  const authentication = await authenticate();
  return authentication.status === 'valid' ? authentication.actor : null;
}

/**
 * Builds the context of an operation from its credentials: the HTTP Authorization header, or
 * the `authorization` connection parameter of a WebSocket. The token is verified lazily, once.
 */
export function createContextFactory(dataSource: DataSource, tokens: TokenService, feed: LiveFeed, onCommitted: ChangeListener, rateLimits: Pick<RateLimits, 'authFailures' | 'tokenRequests'>, timeBudgetMs: number) {
  return (authorization: string | undefined, clientIp: string): Context => {
    let authentication: Promise<Authentication> | undefined;
    const authenticate = () => (authentication ??= authenticateCounting(tokens, rateLimits, authorization, clientIp));
    const idempotency: IdempotencyHolder = { claim: null };
    return { services: createServices(dataSource, () => actorOf(authenticate), onCommitted, idempotency, timeBudgetMs), feed, authenticate, record: newOperationRecord(), idempotency };
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

export interface Context {
  services: Services;
  feed: LiveFeed;
  /** Verifies the request's bearer token, once, when an operation first needs it. */
  authenticate(): Promise<Authentication>;
  /** What the operation turns out to be and do, for the access log and the metrics. */
  record: OperationRecord;
  /** The request's Idempotency-Key, once checked (HTTP mutations only). */
  idempotency: IdempotencyHolder;
}
