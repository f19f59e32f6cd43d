import express, { type Request, Router } from 'express';
import { ASSETS_DIR, readBundleManifest } from './bundle';
import { ASSETS_PATH, GRAPHIQL_CONTENT_SECURITY_POLICY, GRAPHIQL_PATH, renderGraphiQLPage } from './graphiql-page';

export interface GraphiQLRouterOptions {
  /** Where the GraphQL endpoint is, e.g. /graphql. */
  graphqlPath: string;
}

/** True for a browser that navigates to the URL, as opposed to a GraphQL client that GETs a query. */
function wantsHtml(request: Request): boolean {
  return request.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

function queryStringOf(request: Request): string {
  const start = request.originalUrl.indexOf('?');
  return start === -1 ? '' : request.originalUrl.slice(start);
}

/**
 * Serves the self-hosted GraphiQL at /graphiql with its hashed assets, and sends browsers that open the GraphQL
 * endpoint there, query string and all, so that a link to /graphql?query=... opens that operation.
 */
export function createGraphiQLRouter({ graphqlPath }: GraphiQLRouterOptions): Router {
  const manifest = readBundleManifest();
  const page = manifest && renderGraphiQLPage(manifest, graphqlPath);
  const router = Router();

  // A plain middleware, not a GET route: a route would make the router answer OPTIONS itself, before CORS could.
  router.use((request, response, next) => {
    if (request.method === 'GET' && request.path.replace(/\/$/, '') === graphqlPath && wantsHtml(request)) response.redirect(302, `${GRAPHIQL_PATH}${queryStringOf(request)}`);
    else next();
  });

  router.get(GRAPHIQL_PATH, (_request, response) => {
    if (!page) {
      response.status(503).set('cache-control', 'no-store').type('text/plain').send('GraphiQL is not built yet: run `npm run build:graphiql`.\n');
      return;
    }
    // no-cache: revalidated (by ETag) on every visit, so a new build's asset names are picked up at once.
    response.set({ 'cache-control': 'no-cache', 'content-security-policy': GRAPHIQL_CONTENT_SECURITY_POLICY }).type('html').send(page);
  });

  router.use(ASSETS_PATH, express.static(ASSETS_DIR, { immutable: true, maxAge: '365d', index: false, redirect: false }));

  return router;
}
