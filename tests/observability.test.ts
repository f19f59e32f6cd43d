/**
 * What an operator sees: one access-log line per request with its id, operation, cost, status and duration and no
 * token; Prometheus metrics; readiness.
 */
import { get } from 'node:http';
import { TokenService } from '../src/auth/token.service';
import { dataOf, startTestServer, TestServer } from './helpers/server';
import { bearer } from './helpers/tokens';
import { connect, subscribe, until } from './helpers/ws';

let server: TestServer;
let logLines: string[];
let token: string;

beforeAll(async () => {
  logLines = [];
  server = await startTestServer({ logLines, env: { RATE_LIMIT: 'on', RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '1' } });
  token = (await new TokenService(server.dataSource).create('observed-editor', 'editor')).token;
});

afterAll(() => server?.stop());

type LogLine = { level: number; msg: string; req?: { id: string; method: string; path: string; ip?: string }; res?: { status: number }; responseTime?: number; operation?: Record<string, unknown> };

function accessLines(): LogLine[] {
  return logLines.map((line) => JSON.parse(line) as LogLine).filter((line) => line.req);
}

async function lineFor(requestId: string): Promise<LogLine> {
  await until(() => accessLines().some((line) => line.req!.id === requestId), `the access log has request ${requestId}`);
  return accessLines().find((line) => line.req!.id === requestId)!;
}

describe('the access log', () => {
  it('logs each request once with its id (X-Request-Id honoured and echoed), operation, cost, status and duration, and never a token', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'newsroom-42', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'query Timeline { events(first: 5) { totalCount nodes { title } } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('newsroom-42');
    const line = await lineFor('newsroom-42');
    expect(line).toMatchObject({ level: 30, msg: 'POST /graphql 200', req: { method: 'POST', path: '/graphql' }, res: { status: 200 }, operation: { type: 'query', name: 'Timeline', errors: [] } });
    expect(line.operation!.cost).toBeGreaterThan(10);
    expect(typeof line.responseTime).toBe('number');
    expect(line.req!.ip).toMatch(/127\.0\.0\.1/);
    const raw = logLines.find((text) => text.includes('"newsroom-42"'))!;
    expect(raw.match(/"ip":/g)).toHaveLength(1);
    expect(logLines.join('\n')).not.toContain(token.slice(-20));

    const generated = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'bad id with spaces' }, body: '{"query":"{ __typename }"}' });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs client errors below error level, with their codes, and leaves query strings out', async () => {
    const response = await fetch(`${server.url}?query=${encodeURIComponent('{ nonsense }')}`, { headers: { 'x-request-id': 'bad-get' } });
    expect(response.status).toBe(200);
    const line = await lineFor('bad-get');
    expect(line).toMatchObject({ level: 30, req: { path: '/graphql' }, res: { status: 200 }, operation: { errors: ['GRAPHQL_VALIDATION_FAILED'] } });
    expect(JSON.stringify(line)).not.toContain('nonsense');
    const refused = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'refused-write' }, body: JSON.stringify({ query: 'mutation { deleteCountry(id: "Q291bnRyeTox") }' }) });
    expect(refused.status).toBe(401);
    expect(await lineFor('refused-write')).toMatchObject({ level: 30, res: { status: 401 }, operation: { type: 'mutation', errors: ['UNAUTHENTICATED'] } });
  });
});

/** A conditional GET as a cache sends it (fetch() would add Cache-Control: no-cache to it, as the Fetch standard says). */
function statusOfConditionalGet(url: string, etag: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'if-none-match': etag } }, (response) => {
      response.resume();
      resolve(response.statusCode);
    }).on('error', reject);
  });
}

describe('GET queries', () => {
  it('work without extra headers, are cacheable and revalidated with ETag (304), privately when they carry credentials, and are compressed', async () => {
    const url = `${server.url}?query=${encodeURIComponent('{ sources(first: 100) { nodes { title publisher } } }')}`;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, no-cache');
    expect(first.headers.get('vary')).toMatch(/Authorization/);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(await statusOfConditionalGet(url, etag!)).toBe(304);
    expect((await fetch(url, { headers: { authorization: `Bearer ${token}` } })).headers.get('cache-control')).toBe('private, no-cache');

    const gzipped = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(((await gzipped.json()) as { data: { sources: { nodes: unknown[] } } }).data.sources.nodes.length).toBeGreaterThan(40);

    const mutation = await fetch(`${server.url}?query=${encodeURIComponent('mutation { deleteCountry(id: "x") }')}`);
    expect(mutation.status).toBe(405);
  });
});

describe('GET /metrics', () => {
  it('counts operations by type and outcome, rate-limit refusals, WebSocket connections and subscriptions, in the Prometheus format', async () => {
    dataOf(await server.gql('{ countries(first: 1) { totalCount } }'));
    await server.gql('{ nonsense }');
    for (const attempt of [1, 2]) await server.gql('mutation { deleteCountry(id: "Q291bnRyeTox") }', {}, bearer(`kb_1_${String(attempt).repeat(43)}`));
    const client = connect(server.subscriptionUrl);
    try {
      subscribe(client, 'subscription { eventDeleted }');
      await server.whenLiveSubscriptions((count) => count === 1);
      const response = await fetch(new URL('/metrics', server.url));
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      expect(text).toMatch(/^kb_graphql_operations_total\{transport="http",type="query",field="countries",outcome="ok"\} [1-9]/m);
      expect(text).toMatch(/^kb_graphql_operations_total\{transport="http",type="none",field="none",outcome="GRAPHQL_VALIDATION_FAILED"\} [1-9]/m);
      expect(text).toMatch(/^kb_rate_limited_total\{policy="auth-failures"\} [1-9]/m);
      expect(text).toMatch(/^kb_websocket_connections 1$/m);
      expect(text).toMatch(/^kb_live_subscriptions 1$/m);
      expect(text).toMatch(/^kb_pubsub_available 1$/m);
      expect(text).toMatch(/^kb_graphql_operation_duration_seconds_bucket\{le="0.1",type="query"\} [1-9]/m);
      expect(text).toMatch(/^kb_process_resident_memory_bytes /m);
    } finally {
      await client.dispose();
    }
  });
});

describe('GET /readyz', () => {
  it('says ready when the database takes a write, every migration is applied and Redis is not needed', async () => {
    const response = await fetch(new URL('/readyz', server.url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', pubsub: 'not configured' } });
  });
});
