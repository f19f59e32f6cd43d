import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * The version of every kind of fact: a token that changes with each write of the kind and never comes back, so that a
 * response stored with the versions of the kinds it read is still right exactly while they are unchanged. `null` is
 * the version of a kind not written since the store began.
 */
export interface VersionStore {
  /** The versions of `kinds`, in their order; rejects when they cannot be known (Redis unreachable). */
  read(kinds: readonly string[]): Promise<(string | null)[]>;
  /** Gives each of `kinds` a new version; resolves once every instance reading the store sees it. */
  bump(kinds: readonly string[]): Promise<void>;
  /** Whether this store may be trusted now: false while a bump it owes could not be made. */
  readonly trusted: boolean;
  /** Calls `onLost` whenever versions may have changed unseen (the store's own connection was lost). */
  onLost(onLost: () => void): void;
  close(): Promise<void>;
}

/** One instance alone: the versions live in its memory. */
export class MemoryVersionStore implements VersionStore {
  private readonly versions = new Map<string, string>();
  readonly trusted = true;

  async read(kinds: readonly string[]): Promise<(string | null)[]> {
    return kinds.map((kind) => this.versions.get(kind) ?? null);
  }

  async bump(kinds: readonly string[]): Promise<void> {
    for (const kind of kinds) this.versions.set(kind, randomUUID());
  }

  onLost(): void {}

  async close(): Promise<void> {}
}

const RETRY_MS = 500;
const CONNECT_TIMEOUT_MS = 5000;

/**
 * Every instance reads the versions from the Redis of the live feed (one hash, one round trip per cached answer), and
 * a write sets them there before it is acknowledged: an instance answers a read after a write, wherever it was made,
 * with what the write left. A bump that cannot reach Redis is retried until it can, and until then this instance serves
 * nothing from its cache. Redis losing its data is harmless: a missing version matches no stored one.
 */
export class RedisVersionStore implements VersionStore {
  private readonly owed = new Set<string>();
  private retry: NodeJS.Timeout | undefined;
  private readonly lost: (() => void)[] = [];

  private constructor(
    private readonly client: Redis,
    private readonly key: string,
    private readonly logger: Logger,
  ) {
    // Its failures are the live feed's too, which reports them; here they only mean answering from the database.
    this.client.on('error', (error) => this.logger.debug({ err: error }, 'response cache: Redis connection error'));
    this.client.on('close', () => this.lost.forEach((onLost) => onLost()));
  }

  /** Connected before the server serves (the live feed has just reached the same Redis), so that its first answers are stored. */
  static async connect(url: string, key: string, logger: Logger): Promise<RedisVersionStore> {
    // Fail fast rather than queue: a read that cannot be answered at once is answered by the database instead.
    const client = new Redis(url, { lazyConnect: true, connectTimeout: CONNECT_TIMEOUT_MS, commandTimeout: 500, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    const store = new RedisVersionStore(client, key, logger);
    await client.connect().catch((error) => logger.warn({ err: error }, 'response cache: Redis not reached yet; answers are read from the database until it is'));
    return store;
  }

  get trusted(): boolean {
    return this.owed.size === 0;
  }

  async read(kinds: readonly string[]): Promise<(string | null)[]> {
    if (kinds.length === 0) return [];
    return this.client.hmget(this.key, ...kinds);
  }

  async bump(kinds: readonly string[]): Promise<void> {
    for (const kind of kinds) this.owed.add(kind);
    await this.payOwed();
  }

  onLost(onLost: () => void): void {
    this.lost.push(onLost);
  }

  private async payOwed(): Promise<void> {
    const kinds = [...this.owed];
    if (kinds.length === 0) return;
    try {
      await this.client.hset(this.key, Object.fromEntries(kinds.map((kind) => [kind, randomUUID()])));
      for (const kind of kinds) this.owed.delete(kind);
    } catch (error) {
      this.logger.warn({ err: error, kinds }, 'response cache: could not record a write in Redis; this instance serves no cached answer until it can');
      this.retry ??= setTimeout(() => {
        this.retry = undefined;
        void this.payOwed();
      }, RETRY_MS);
      this.retry.unref();
    }
  }

  async close(): Promise<void> {
    clearTimeout(this.retry);
    this.client.disconnect();
  }
}
