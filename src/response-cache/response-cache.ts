import etag from 'etag';
import { parse } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { VersionStore } from './version-store';

/** An answer as it was sent, with the versions of the kinds it was read from. */
export interface CachedResponse {
  body: Buffer;
  /** The same body gzipped, for a client that accepts it, where compressing pays (as the compression middleware decides). */
  gzipped: Buffer | null;
  etag: string;
  contentType: string;
  kinds: readonly string[];
  versions: readonly (string | null)[];
}

/** What a stored answer is looked up by: the query string (query, variables, operation name or persisted-query hash) and Accept. */
export function cacheKeyOf(search: string, accept: string | undefined): string {
  return `${accept ?? ''}\n${search}`;
}

/** The query string of a request URL, exactly as Apollo's Express integration reads it. */
export function searchOf(url: string): string {
  return parse(url).search ?? '';
}

const COMPRESSION_THRESHOLD = 1024;

/**
 * The answers of anonymous GET queries, kept in this instance's memory (the least recently used go first past
 * `maxBytes`), each served while the versions of the kinds it was read from are the ones it was stored with.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse & { bytes: number }>();
  private bytes = 0;

  constructor(
    private readonly versions: VersionStore,
    private readonly maxBytes: number,
    private readonly onLookup: (result: 'hit' | 'miss' | 'stale') => void = () => {},
  ) {
    versions.onLost(() => this.clear());
  }

  /** The versions of `kinds` now, to store an answer with once it is made; null when they cannot be known. */
  async versionsOf(kinds: readonly string[]): Promise<(string | null)[] | null> {
    if (!this.versions.trusted) return null;
    return this.versions.read(kinds).catch(() => null);
  }

  store(key: string, kinds: readonly string[], versions: readonly (string | null)[], body: string, contentType: string): void {
    const bytes = Buffer.from(body);
    const gzipped = bytes.length >= COMPRESSION_THRESHOLD ? gzipSync(bytes) : null;
    const size = key.length + bytes.length + (gzipped?.length ?? 0);
    if (size > this.maxBytes / 16) return;
    this.remove(key);
    this.entries.set(key, { body: bytes, gzipped, etag: etag(bytes, { weak: true }), contentType, kinds, versions, bytes: size });
    this.bytes += size;
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldest);
    }
  }

  /** The stored answer for `key` if no kind it was read from has been written since; undefined otherwise. */
  async lookup(key: string): Promise<CachedResponse | undefined> {
    const entry = this.entries.get(key);
    if (!entry || !this.versions.trusted) {
      this.onLookup('miss');
      return undefined;
    }
    const current = await this.versions.read(entry.kinds).catch(() => null);
    if (!current || current.some((version, index) => version !== entry.versions[index])) {
      if (this.entries.get(key) === entry) this.remove(key);
      this.onLookup('stale');
      return undefined;
    }
    // Used last, kept longest.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.onLookup('hit');
    return entry;
  }

  /** Called once a write of `kinds` has committed, before it is acknowledged: every answer read from them is stale. */
  async written(kinds: readonly string[]): Promise<void> {
    await this.versions.bump(kinds);
    for (const [key, entry] of this.entries) if (entry.kinds.some((kind) => kinds.includes(kind))) this.remove(key);
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  close(): Promise<void> {
    this.clear();
    return this.versions.close();
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}
