import type { ApolloServerPlugin } from '@apollo/server';
import type { Dependencies } from './dependencies';
import { cacheKeyOf, type ResponseCache } from './response-cache';

/**
 * Stores the answer of every anonymous GET query that succeeded, with the versions of the kinds it reads as they were
 * before it ran (a write committed meanwhile leaves it stale, never wrong). A request with credentials is neither
 * stored nor answered from the cache: what it sees may depend on who asks.
 */
export function cacheResponses<C extends object>(
  cache: ResponseCache,
  dependencies: Dependencies,
  mediaTypeOf: (accept: string | undefined) => string | null,
  /** Null while a write of this process is open, else what changes when one begins or ends: an answer read while one was open may show what it rolls back. */
  writesSettled: () => number | null,
): ApolloServerPlugin<C> {
  return {
    requestDidStart: async ({ request }) => {
      const http = request.http;
      if (!http || http.method !== 'GET' || http.headers.get('authorization') !== undefined) return {};
      let read: { kinds: string[]; versions: (number | null)[]; writes: number } | null = null;
      return {
        didResolveOperation: async ({ document, operationName }) => {
          const kinds = dependencies(document, operationName);
          const writes = writesSettled();
          const versions = kinds && writes !== null && (await cache.versionsOf(kinds));
          if (kinds && versions && writes !== null) read = { kinds, versions, writes };
        },
        willSendResponse: async ({ response }) => {
          const accept = http.headers.get('accept');
          const mediaType = mediaTypeOf(accept);
          if (!read || read.writes !== writesSettled() || !mediaType || response.body.kind !== 'single' || response.body.singleResult.errors || (response.http.status ?? 200) !== 200) return;
          const key = cacheKeyOf(http.search, mediaType);
          if (!key) return;
          const { data, extensions } = response.body.singleResult;
          // Serialised as Apollo serialises it: a hit sends the very bytes this request is about to.
          cache.store(key, read.kinds, read.versions, `${JSON.stringify({ data, extensions })}\n`, mediaType);
          response.http.headers.set('x-cache', 'MISS');
        },
      };
    },
  };
}
