import { GraphQLError } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';
import { Redis } from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** How much one client may ask for (RATE_LIMIT_*); `enabled: false` is RATE_LIMIT=off. */
export interface RateLimitSettings {
  enabled: boolean;
  /** HTTP requests to /graphql per client IP and minute. */
  requestsPerMinute: number;
  /** HTTP requests per API token and minute, whatever the IP they come from. */
  tokenRequestsPerMinute: number;
  /** Failed authentications per client IP and minute; past it, that IP's credentials are not even checked for a minute. */
  authFailuresPerMinute: number;
  /** WebSocket connections opened per client IP and minute. */
  webSocketConnectionsPerMinute: number;
  /** Subscriptions (and other operations) started over WebSocket per client IP and minute. */
  webSocketOperationsPerMinute: number;
  /** Messages one WebSocket may send per minute. */
  webSocketMessagesPerMinute: number;
}

/** What a policy decided for one client: allowed or not, and the numbers behind it, for the RateLimit headers. */
export interface RateDecision {
  policy: string;
  allowed: boolean;
  limit: number;
  windowSeconds: number;
  remaining: number;
  /** Seconds until the window frees up again. */
  resetSeconds: number;
}

const WINDOW_SECONDS = 60;

/**
 * One limit, counted in Redis when the instances share one (so that it holds across them), in memory otherwise.
 * While Redis is away or not answering, each instance counts on its own, rather than letting everything through,
 * refusing everything, or making every request wait for a Redis that does not answer.
 */
export class RatePolicy {
  private readonly local: RateLimiterMemory;
  private readonly shared: RateLimiterAbstract | null;
  private readonly healthy: () => boolean;

  constructor(
    readonly name: string,
    readonly limit: number,
    redis: { client: Redis; healthy: () => boolean } | null,
    keyPrefix: string,
    /** Told of every refusal, by policy name (the metrics count them). */
    private readonly onRefused: (policy: string) => void = () => {},
  ) {
    const options = { keyPrefix: `${keyPrefix}rate:${name}`, points: limit, duration: WINDOW_SECONDS };
    this.local = new RateLimiterMemory(options);
    this.shared = redis ? new RateLimiterRedis({ ...options, storeClient: redis.client, rejectIfRedisNotReady: true, insuranceLimiter: this.local }) : null;
    this.healthy = redis?.healthy ?? (() => false);
  }

  private get limiter(): RateLimiterAbstract {
    return this.shared && this.healthy() ? this.shared : this.local;
  }

  private decision(result: RateLimiterRes, allowed: boolean): RateDecision {
    if (!allowed) this.onRefused(this.name);
    return { policy: this.name, allowed, limit: this.limit, windowSeconds: WINDOW_SECONDS, remaining: Math.max(0, result.remainingPoints), resetSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)) };
  }

  /** Counts one more for `key`. */
  async take(key: string): Promise<RateDecision> {
    try {
      return this.decision(await this.limiter.consume(key), true);
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return this.decision(refusal, false);
      throw refusal;
    }
  }

  /** Whether `key` is over the limit now, without counting anything. */
  async refuses(key: string): Promise<RateDecision | null> {
    const state = await this.limiter.get(key);
    if (!state || state.consumedPoints < this.limit) return null;
    return this.decision(state, false);
  }
}

/** The rate limits of one server: null policies when RATE_LIMIT=off. */
export interface RateLimits {
  /** Lets go of the Redis connection the limits are counted on. */
  close(): Promise<void>;
  requests: RatePolicy | null;
  tokenRequests: RatePolicy | null;
  authFailures: RatePolicy | null;
  webSocketConnections: RatePolicy | null;
  webSocketOperations: RatePolicy | null;
  webSocketMessagesPerMinute: number | null;
}

/**
 * The limits, counted in the Redis at `redisUrl` when there is one, on a connection of their own that never queues a
 * command nor waits more than a moment for an answer; `redisHealthy` says when to count locally instead.
 */
export function createRateLimits(settings: RateLimitSettings, redisUrl: string | null, keyPrefix: string, onRefused: (policy: string) => void, redisHealthy: () => boolean): RateLimits {
  if (!settings.enabled) {
    return { close: async () => {}, requests: null, tokenRequests: null, authFailures: null, webSocketConnections: null, webSocketOperations: null, webSocketMessagesPerMinute: null };
  }
  const client = redisUrl ? new Redis(redisUrl, { commandTimeout: 200, enableOfflineQueue: false, maxRetriesPerRequest: 0 }) : null;
  // Its failures are the live feed's too, which reports them; here they only mean counting locally for a while.
  client?.on('error', () => {});
  const redis = client ? { client, healthy: () => client.status === 'ready' && redisHealthy() } : null;
  const policy = (name: string, limit: number) => new RatePolicy(name, limit, redis, keyPrefix, onRefused);
  return {
    close: async () => client?.disconnect(),
    requests: policy('requests', settings.requestsPerMinute),
    tokenRequests: policy('token-requests', settings.tokenRequestsPerMinute),
    authFailures: policy('auth-failures', settings.authFailuresPerMinute),
    webSocketConnections: policy('websocket-connections', settings.webSocketConnectionsPerMinute),
    webSocketOperations: policy('websocket-operations', settings.webSocketOperationsPerMinute),
    webSocketMessagesPerMinute: settings.webSocketMessagesPerMinute,
  };
}

/** The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers) for a decision, and Retry-After for a refusal. */
export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  const headers: Record<string, string> = {
    'RateLimit-Policy': `"${decision.policy}";q=${decision.limit};w=${decision.windowSeconds}`,
    RateLimit: `"${decision.policy}";r=${decision.remaining};t=${decision.resetSeconds}`,
  };
  if (!decision.allowed) headers['Retry-After'] = String(decision.resetSeconds);
  return headers;
}

function refusalMessage(decision: RateDecision): string {
  return `Too many requests (${decision.policy}: at most ${decision.limit} a minute); retry in ${decision.resetSeconds} s`;
}

/** A refusal as a GraphQL error: code RATE_LIMITED, HTTP 429 with Retry-After and the RateLimit fields. */
export class RateLimitedError extends GraphQLError {
  constructor(decision: RateDecision) {
    super(refusalMessage(decision), {
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: decision.resetSeconds, http: { status: 429, headers: new Map(Object.entries(rateLimitHeaders(decision))) } },
    });
  }
}

/** The most restrictive of several decisions: a refusal if there is one, else the one with the least left. */
export function tightest(decisions: RateDecision[]): RateDecision | null {
  return decisions.find((decision) => !decision.allowed) ?? decisions.reduce<RateDecision | null>((least, decision) => (!least || decision.remaining < least.remaining ? decision : least), null);
}

/**
 * The rate limits of GraphQL over HTTP, before anything else runs: per client IP and, for a request with credentials,
 * the failed authentications of its IP. (A token's own limit is counted once it is verified: see context.ts.) Every
 * answer carries the RateLimit fields of the tightest limit; a refusal is 429 with Retry-After and the code RATE_LIMITED.
 */
export function limitHttpRequests(limits: RateLimits, clientIpOf: (request: IncomingMessage) => string) {
  return async (request: IncomingMessage, response: ServerResponse, next: () => void): Promise<void> => {
    if (!limits.requests) return next();
    const ip = rateKeyOf(clientIpOf(request));
    const decisions = [await limits.requests.take(ip)];
    if (request.headers.authorization && limits.authFailures) {
      const blocked = await limits.authFailures.refuses(ip);
      if (blocked) decisions.push(blocked);
    }
    const shown = tightest(decisions)!;
    for (const [name, value] of Object.entries(rateLimitHeaders(shown))) response.setHeader(name, value);
    if (shown.allowed) return next();
    response.statusCode = 429;
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.end(JSON.stringify({ errors: [{ message: refusalMessage(shown), extensions: { code: 'RATE_LIMITED', retryAfterSeconds: shown.resetSeconds } }] }));
  };
}

/**
 * The key a client IP is counted under: the address itself for IPv4, its /64 network for IPv6, where one host
 * commonly holds a whole /64 and could otherwise change address with each request.
 */
export function rateKeyOf(ip: string): string {
  const address = ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
  if (!isIPv6(address)) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((group) => group.padStart(4, '0')).join(':')}::/64`;
}
