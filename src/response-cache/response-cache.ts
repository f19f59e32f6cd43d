import etag from 'etag';
import { parse } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Versions } from './versions';

const gzipped = promisify(gzip);

/** An answer as it was sent, with the versions of the kinds it was read from. */
export interface CachedResponse {
  body: Buffer;
  etag: string;
  contentType: string;
  kinds: readonly string[];
  versions: readonly (number | null)[];
  /** The body gzipped, made on the first request that accepts it, where compressing pays; null where it does not (or failed). */
  gzip(): Promise<Buffer | null>;
}

/**
 * What a stored answer is looked up by: what Apollo reads of a GET's query string (query, variables, operation name,
 * extensions such as a persisted-query hash) and the media type it answers in. Parameters Apollo ignores, and Accept
 * headers that choose the same media type, make no new entry. Null where a parameter is given twice, which Apollo
 * refuses (with 400): that is Apollo's to answer.
 */
export function cacheKeyOf(search: string, mediaType: string): string | null {
  const parameters = new URLSearchParams(search);
  const values = ['query', 'variables', 'operationName', 'extensions'].map((name) => parameters.getAll(name));
  if (values.some((given) => given.length > 1)) return null;
  return JSON.stringify([mediaType, ...values.map(([value]) => value ?? null)]);
}

/** The query string of a request URL, exactly as Apollo's Express integration reads it. */
export function searchOf(url: string): string {
  return parse(url).search ?? '';
}

const COMPRESSION_THRESHOLD = 1024;
/** What an entry holds beyond its bytes (the key, the object, the map's slot), counted against the budget. */
const ENTRY_OVERHEAD_BYTES = 1024;

/**
 * The answers of anonymous GET queries, kept in this instance's memory (the least recently used go first past
 * `maxBytes`), each served while the versions of the kinds it was read from are the ones it was stored with.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse & { bytes: number }>();
  private bytes = 0;

  constructor(
    private readonly versions: Versions,
    private readonly maxBytes: number,
    private readonly onLookup: (result: 'hit' | 'miss' | 'stale') => void = () => {},
  ) {}

  /** The versions of `kinds` now, to store an answer with once it is made; null when they cannot be read. */
  versionsOf(kinds: readonly string[]): Promise<(number | null)[] | null> {
    return this.versions.read(kinds).catch(() => null);
  }

  store(key: string, kinds: readonly string[], versions: readonly (number | null)[], body: string, contentType: string): void {
    const bytes = Buffer.from(body);
    const size = ENTRY_OVERHEAD_BYTES + key.length + 2 * bytes.length;
    if (size > this.maxBytes / 16) return;
    this.remove(key);
    let compressed: Promise<Buffer | null> | undefined;
    // A failure is not kept: the plain body is sent, and the next request that accepts gzip tries again.
    const gzip = () =>
      bytes.length < COMPRESSION_THRESHOLD
        ? Promise.resolve(null)
        : (compressed ??= gzipped(bytes).catch(() => {
            compressed = undefined;
            return null;
          }));
    this.entries.set(key, { body: bytes, etag: etag(bytes, { weak: true }), contentType, kinds, versions, gzip, bytes: size });
    this.bytes += size;
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldest);
    }
  }

  /** The stored answer for `key` if no kind it was read from has been written since; undefined otherwise. */
  async lookup(key: string): Promise<CachedResponse | undefined> {
    const entry = this.entries.get(key);
    if (!entry) {
      this.onLookup('miss');
      return undefined;
    }
    const current = await this.versionsOf(entry.kinds);
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

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}
