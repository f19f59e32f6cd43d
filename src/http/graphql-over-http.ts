import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import Negotiator from 'negotiator';
import type { IncomingMessage, ServerResponse } from 'node:http';
import vary from 'vary';

export const GRAPHQL_PATH = '/graphql';

/**
 * Errors about the request's document and variables, raised before anything runs: GraphQL-over-HTTP asks a server to
 * answer them with 200 to a client that accepts only application/json, and with 400 under
 * application/graphql-response+json, where a 4xx is the client's cue.
 */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'QUERY_TOO_COMPLEX',
  'DOCUMENT_TOO_LARGE',
  'TOO_MANY_TOKENS',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_ROOT_FIELDS',
  'TOO_MANY_DIRECTIVES',
  'INTROSPECTION_TOO_LARGE',
]);

/** Whether the client gets application/graphql-response+json (it asked for it first), as Apollo decides it. */
function answersAsGraphQLResponseJson(accept: string | undefined): boolean {
  return new Negotiator({ headers: { accept } }).mediaType(['application/json', 'application/graphql-response+json']) === 'application/graphql-response+json';
}

const JSON_MEDIA_TYPES = ['application/json; charset=utf-8', 'application/graphql-response+json; charset=utf-8'];

/** The Content-Type Apollo gives a single result for this Accept (its own choice, made the same way); null for any other answer. */
export function singleResultMediaType(accept: string | undefined): string | null {
  if (!accept) return JSON_MEDIA_TYPES[0];
  const chosen = new Negotiator({ headers: { accept } }).mediaType([...JSON_MEDIA_TYPES, 'application/json; callback']);
  return chosen && JSON_MEDIA_TYPES.includes(chosen) ? chosen : null;
}

/** The HTTP status of an answer whose errors are all request errors: 400, or 200 for an application/json client. */
export function requestErrorStatus(accept: string | undefined): number {
  return answersAsGraphQLResponseJson(accept) ? 400 : 200;
}

/**
 * What an answer depends on besides its URL: appended to what CORS and compression add (Origin, Accept-Encoding),
 * before Apollo sets its own headers, which would replace a Vary it set itself.
 */
export function varyByCaller(_request: IncomingMessage, response: ServerResponse, next: () => void): void {
  vary(response, 'Accept, Authorization');
  next();
}

/** A subscription sent over HTTP: where and how to send it instead. */
function subscriptionOverHttp(host: string | undefined): GraphQLError {
  const url = host ? `ws://${host}${GRAPHQL_PATH}` : `the WebSocket endpoint ${GRAPHQL_PATH}`;
  return new GraphQLError(`Subscriptions are served over WebSocket with the graphql-transport-ws protocol (the graphql-ws library): connect to ${url} (wss:// behind TLS)`, {
    extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
  });
}

/**
 * GraphQL over HTTP as the spec and HTTP caches expect it:
 * - a subscription is refused with 400 naming the WebSocket endpoint;
 * - request errors get 200 for application/json clients (see REQUEST_ERROR_CODES);
 * - a GET query that succeeded may be cached and revalidated (Express adds its ETag and answers If-None-Match with
 *   304); one with credentials only privately, since what it shows depends on who asks (Revision.actor).
 */
export function graphqlOverHttp<C extends object>(): ApolloServerPlugin<C> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ operation, request }) => {
        if (operation?.operation === 'subscription') throw subscriptionOverHttp(request.http?.headers.get('host'));
      },
      willSendResponse: async ({ request, response }) => {
        const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
        const headers = request.http?.headers;
        if (response.http.status === 400 && errors?.length && errors.every((error) => REQUEST_ERROR_CODES.has(String(error.extensions?.code)))) {
          response.http.status = requestErrorStatus(headers?.get('accept'));
        }
        if (request.http?.method === 'GET' && !errors?.length) {
          response.http.headers.set('cache-control', headers?.get('authorization') ? 'private, no-cache' : 'public, no-cache');
        } else {
          response.http.headers.set('cache-control', 'no-store');
        }
      },
    }),
  };
}
