import Negotiator from 'negotiator';
import type { IncomingMessage, ServerResponse } from 'node:http';
import vary from 'vary';
import { cacheKeyOf, type ResponseCache, searchOf } from './response-cache';

export interface CachedAnswerHooks {
  /** The media type the full path answers this Accept in; null where it answers in another. */
  mediaTypeOf(accept: string | undefined): string | null;
  /**
   * Runs before a stored answer is sent: sets what every answer carries (security headers, CORS, the request id,
   * rate limits) and resolves false where it has answered the request itself (a refusal).
   */
  admit(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
  /** Runs once the request is answered here (the access log, the metrics). */
  answered(request: IncomingMessage, response: ServerResponse, startedAt: bigint): void;
}

/** Whether If-None-Match names this entity tag, compared weakly as RFC 9110 says for it (or names any, with *). */
function matches(ifNoneMatch: string | undefined, tag: string): boolean {
  const opaque = (candidate: string) => candidate.trim().replace(/^W\//, '');
  return ifNoneMatch !== undefined && ifNoneMatch.split(',').some((candidate) => candidate.trim() === '*' || opaque(candidate) === opaque(tag));
}

/**
 * Answers an anonymous GET query from the cache before Express, Apollo or GraphQL run at all (as a GraphQL CDN answers
 * a persisted GET query), with the headers the full path gives the same request, and honours If-None-Match with 304
 * (unless the request says no-cache, as Express does); anything else, or an answer not stored or no longer right, goes
 * on to `next`.
 */
export function serveCachedAnswers(cache: ResponseCache, path: string, hooks: CachedAnswerHooks) {
  return async (request: IncomingMessage, response: ServerResponse, next: () => void): Promise<void> => {
    const url = request.url ?? '';
    const query = url.indexOf('?');
    if (request.method !== 'GET' || request.headers.authorization !== undefined || query < 0 || url.slice(0, query) !== path) return next();
    const mediaType = hooks.mediaTypeOf(request.headers.accept);
    // What Apollo refuses (a content type other than JSON, a parameter given twice) is Apollo's to answer.
    const contentType = request.headers['content-type'];
    const key = mediaType && (contentType === undefined || contentType.startsWith('application/json')) ? cacheKeyOf(searchOf(url), mediaType) : null;
    if (!key) return next();
    const startedAt = process.hrtime.bigint();
    const entry = await cache.lookup(key);
    if (!entry) return next();
    vary(response, 'Accept, Authorization, Accept-Encoding');
    if (await hooks.admit(request, response)) {
      response.setHeader('cache-control', 'public, no-cache');
      response.setHeader('etag', entry.etag);
      response.setHeader('x-cache', 'HIT');
      if (matches(request.headers['if-none-match'], entry.etag) && !/no-cache/.test(request.headers['cache-control'] ?? '')) {
        response.statusCode = 304;
        response.end();
      } else {
        const gzip = new Negotiator(request).encoding(['gzip', 'identity']) === 'gzip' ? await entry.gzip() : null;
        const body = gzip ?? entry.body;
        response.statusCode = 200;
        response.setHeader('content-type', entry.contentType);
        if (gzip) response.setHeader('content-encoding', 'gzip');
        response.setHeader('content-length', body.length);
        response.end(body);
      }
    }
    hooks.answered(request, response, startedAt);
  };
}
