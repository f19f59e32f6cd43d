export interface GraphQLEndpoints {
  url: string;
  subscriptionUrl: string;
}

/** Queries and mutations go over HTTP(S), subscriptions over WS(S), both to the same origin and path. */
export function graphqlEndpoints(path: string, page: Location): GraphQLEndpoints {
  const url = new URL(path, page.href);
  const subscriptionUrl = new URL(url);
  subscriptionUrl.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  return { url: url.href, subscriptionUrl: subscriptionUrl.href };
}
