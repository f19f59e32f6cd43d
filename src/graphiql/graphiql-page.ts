import type { BundleManifest } from './bundle';

export const GRAPHIQL_PATH = '/graphiql';
export const ASSETS_PATH = `${GRAPHIQL_PATH}/assets`;

/**
 * Everything the page loads comes from this server; Monaco's workers are files of ours, its styles are inline,
 * its fonts data: URLs, and 'self' in connect-src covers the ws:/wss: subscriptions to this same host.
 */
export const GRAPHIQL_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** The HTML that boots the bundled GraphiQL page against the GraphQL endpoint at graphqlPath. */
export function renderGraphiQLPage(manifest: BundleManifest, graphqlPath: string): string {
  const asset = (file: string) => escapeHtml(`${ASSETS_PATH}/${file}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphiQL · kb-graphql</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${asset(manifest.stylesheet)}">
<script type="module" src="${asset(manifest.script)}"></script>
</head>
<body>
<div id="graphiql" data-endpoint="${escapeHtml(graphqlPath)}"></div>
</body>
</html>
`;
}
