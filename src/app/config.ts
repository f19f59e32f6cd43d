import path from 'node:path';
import { DEFAULT_WRITE_LOCK_TIMEOUT_MS } from '../db/write-transaction';
import type { OperationLimits } from '../limits/operation-limits';
import type { RateLimitSettings } from '../limits/rate-limits';

export type DatabaseConfig = { type: 'sqlite'; database: string } | { type: 'postgres'; url: string };

export interface Config {
  port: number;
  database: DatabaseConfig;
  production: boolean;
  /** Origins allowed by CORS: `true` means any origin. */
  corsOrigins: true | string[];
  logLevel: string;
  /** Redis URL that carries live-feed events between server instances; in-process when left out. */
  pubsubUrl: string | null;
  /** Prefix of the Redis channel names, so that several knowledge bases can share one Redis. */
  pubsubChannelPrefix: string;
  maxSubscriptionsPerConnection: number;
  /** How long a WebSocket may stay open without its connection_init message. */
  connectionInitTimeoutMs: number;
  /** The highest estimated cost an operation may have (see src/limits/query-cost.ts). */
  maxQueryCost: number;
  /** Size and shape limits every operation is held to before it runs (see src/limits/operation-limits.ts). */
  limits: OperationLimits;
  /** How often the server pings an idle WebSocket, so that proxies keep it open and dead peers are noticed. */
  keepAliveMs: number;
  /** How long a write waits for the database's write lock, held by another process, before it fails with DATABASE_BUSY. */
  writeLockTimeoutMs: number;
  /** The most events one eventAdded(after:) replays; a resumption from further back is refused with REPLAY_TOO_LONG. */
  maxReplayEvents: number;
  rateLimits: RateLimitSettings;
  /** Express's `trust proxy` (TRUST_PROXY): which proxies' X-Forwarded-For tells the client IP; false trusts none. */
  trustProxy: boolean | number | string;
  /** Open connections the server accepts at once (MAX_CONNECTIONS), and from one IP (MAX_CONNECTIONS_PER_IP, 0: no cap). */
  maxConnections: number;
  maxConnectionsPerIp: number;
  /** Time a client has to send its request headers (HEADERS_TIMEOUT_MS), and its whole request (REQUEST_TIMEOUT_MS). */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** How long an HTTP connection may stay silent, before its first request or between two (IDLE_TIMEOUT_MS). */
  idleTimeoutMs: number;
  /**
   * Connections the kernel holds for the server to accept (LISTEN_BACKLOG), capped by net.core.somaxconn: a crowd
   * reconnecting at once (after a deploy) waits in it; past it a connection is dropped and its client retries later.
   */
  listenBacklog: number;
  /** How long one operation may read for (REQUEST_TIME_BUDGET_MS): later reads fail with TIME_BUDGET_EXCEEDED. */
  requestTimeBudgetMs: number;
  /** Memory for the answers of anonymous GET queries (RESPONSE_CACHE_MB, 0: no response cache). */
  responseCacheMb: number;
  /** The address to listen on (HOST): every interface when left out. */
  host: string | undefined;
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 4000;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new ConfigError(`PORT must be an integer from 0 to 65535, got "${value}"`);
  }
  return port;
}

function parseDatabaseUrl(value: string | undefined): DatabaseConfig {
  const url = value === undefined || value === '' ? 'sqlite:data/kb.sqlite' : value;
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file === '') throw new ConfigError('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:data/kb.sqlite or sqlite::memory:');
    return { type: 'sqlite', database: file === ':memory:' ? file : path.resolve(file) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    if (!URL.canParse(url) || !new URL(url).hostname) throw new ConfigError('DATABASE_URL must look like postgres://user:password@host:5432/database');
    return { type: 'postgres', url };
  }
  throw new ConfigError(`DATABASE_URL must look like sqlite:PATH (e.g. sqlite:data/kb.sqlite) or postgres://user@host:5432/database, got "${url}"`);
}

function parseCorsOrigins(value: string | undefined): true | string[] {
  if (value === undefined || value.trim() === '' || value.trim() === '*') return true;
  const origins = value.split(',').map((origin) => origin.trim()).filter(Boolean);
  for (const origin of origins) {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new ConfigError(`CORS_ORIGINS must be "*" or a comma-separated list of origins like https://app.example.org, got "${origin}"`);
    }
    if (parsed.origin !== origin) {
      throw new ConfigError(`CORS_ORIGINS entry "${origin}" is not a bare origin; did you mean "${parsed.origin}"?`);
    }
  }
  return origins;
}

function parseLogLevel(value: string | undefined): string {
  if (value === undefined || value === '') return 'info';
  if (!LOG_LEVELS.includes(value)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
  return value;
}

function parsePositiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^[1-9]\d{0,8}$/.test(value)) throw new ConfigError(`${name} must be a positive integer, got "${value}"`);
  return Number(value);
}

/** 0 or a positive integer; 0 turns the limit off. */
function parseCount(name: string, value: string | undefined, fallback: number): number {
  return value === '0' ? 0 : parsePositiveInteger(name, value, fallback);
}

/** `on` (the default) or `off`. */
function parseSwitch(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'on') return true;
  if (value === 'off') return false;
  throw new ConfigError(`${name} must be "on" or "off", got "${value}"`);
}

/** TRUST_PROXY: left out, no proxy is trusted; a number of hops, or addresses and subnets as Express takes them (loopback, 10.0.0.0/8, ...). */
function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value.trim() === '' || value === 'false') return false;
  if (value === 'true') throw new ConfigError('TRUST_PROXY=true would let any client choose its IP; give the number of proxies in front, or their addresses (e.g. loopback, 10.0.0.0/8)');
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

function parsePubsubUrl(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`PUBSUB_URL must be a redis:// or rediss:// URL, got "${value}"`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new ConfigError(`PUBSUB_URL must be a redis:// or rediss:// URL, got "${value}"`);
  return value;
}

/** The database, for logs: the SQLite file, or the PostgreSQL URL without its password. */
export function describeDatabase(database: DatabaseConfig): string {
  if (database.type === 'sqlite') return `sqlite:${database.database}`;
  const url = new URL(database.url);
  if (url.password) url.password = '***';
  return url.toString();
}

/** Reads the environment once; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: parsePort(env.PORT),
    database: parseDatabaseUrl(env.DATABASE_URL),
    production: env.NODE_ENV === 'production',
    corsOrigins: parseCorsOrigins(env.CORS_ORIGINS),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    pubsubUrl: parsePubsubUrl(env.PUBSUB_URL),
    pubsubChannelPrefix: env.PUBSUB_CHANNEL_PREFIX ?? 'kb:',
    maxSubscriptionsPerConnection: parsePositiveInteger('MAX_SUBSCRIPTIONS_PER_CONNECTION', env.MAX_SUBSCRIPTIONS_PER_CONNECTION, 100),
    connectionInitTimeoutMs: parsePositiveInteger('WS_CONNECTION_INIT_TIMEOUT_MS', env.WS_CONNECTION_INIT_TIMEOUT_MS, 10_000),
    keepAliveMs: parsePositiveInteger('WS_KEEPALIVE_MS', env.WS_KEEPALIVE_MS, 12_000),
    maxQueryCost: parsePositiveInteger('MAX_QUERY_COST', env.MAX_QUERY_COST, 50_000),
    limits: {
      maxDocumentBytes: parsePositiveInteger('MAX_DOCUMENT_BYTES', env.MAX_DOCUMENT_BYTES, 100_000),
      maxTokens: parsePositiveInteger('MAX_TOKENS', env.MAX_TOKENS, 5000),
      maxDepth: parsePositiveInteger('MAX_DEPTH', env.MAX_DEPTH, 12),
      maxAliases: parsePositiveInteger('MAX_ALIASES', env.MAX_ALIASES, 50),
      maxRootFields: parsePositiveInteger('MAX_ROOT_FIELDS', env.MAX_ROOT_FIELDS, 30),
      maxDirectives: parsePositiveInteger('MAX_DIRECTIVES', env.MAX_DIRECTIVES, 50),
    },
    writeLockTimeoutMs: parsePositiveInteger('WRITE_LOCK_TIMEOUT_MS', env.WRITE_LOCK_TIMEOUT_MS, DEFAULT_WRITE_LOCK_TIMEOUT_MS),
    maxReplayEvents: parsePositiveInteger('MAX_REPLAY_EVENTS', env.MAX_REPLAY_EVENTS, 1000),
    rateLimits: {
      enabled: parseSwitch('RATE_LIMIT', env.RATE_LIMIT),
      requestsPerMinute: parsePositiveInteger('RATE_LIMIT_REQUESTS_PER_MINUTE', env.RATE_LIMIT_REQUESTS_PER_MINUTE, 600),
      tokenRequestsPerMinute: parsePositiveInteger('RATE_LIMIT_TOKEN_REQUESTS_PER_MINUTE', env.RATE_LIMIT_TOKEN_REQUESTS_PER_MINUTE, 1200),
      authFailuresPerMinute: parsePositiveInteger('RATE_LIMIT_AUTH_FAILURES_PER_MINUTE', env.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE, 10),
      webSocketConnectionsPerMinute: parsePositiveInteger('RATE_LIMIT_WS_CONNECTIONS_PER_MINUTE', env.RATE_LIMIT_WS_CONNECTIONS_PER_MINUTE, 60),
      webSocketOperationsPerMinute: parsePositiveInteger('RATE_LIMIT_WS_OPERATIONS_PER_MINUTE', env.RATE_LIMIT_WS_OPERATIONS_PER_MINUTE, 600),
      webSocketMessagesPerMinute: parsePositiveInteger('RATE_LIMIT_WS_MESSAGES_PER_MINUTE', env.RATE_LIMIT_WS_MESSAGES_PER_MINUTE, 1200),
    },
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    maxConnections: parsePositiveInteger('MAX_CONNECTIONS', env.MAX_CONNECTIONS, 4096),
    maxConnectionsPerIp: parseCount('MAX_CONNECTIONS_PER_IP', env.MAX_CONNECTIONS_PER_IP, 128),
    headersTimeoutMs: parsePositiveInteger('HEADERS_TIMEOUT_MS', env.HEADERS_TIMEOUT_MS, 10_000),
    requestTimeoutMs: parsePositiveInteger('REQUEST_TIMEOUT_MS', env.REQUEST_TIMEOUT_MS, 30_000),
    idleTimeoutMs: parsePositiveInteger('IDLE_TIMEOUT_MS', env.IDLE_TIMEOUT_MS, 10_000),
    listenBacklog: parsePositiveInteger('LISTEN_BACKLOG', env.LISTEN_BACKLOG, 4096),
    requestTimeBudgetMs: parsePositiveInteger('REQUEST_TIME_BUDGET_MS', env.REQUEST_TIME_BUDGET_MS, 10_000),
    responseCacheMb: parseCount('RESPONSE_CACHE_MB', env.RESPONSE_CACHE_MB, 64),
    host: env.HOST?.trim() || undefined,
  };
}
