/**
 * The GraphQL-over-HTTP spec's own audit (graphql-http): every MUST and every SHOULD holds. Among them: a client that
 * accepts only application/json gets 200 with errors for a document that does not parse or validate, or variables
 * that do not coerce; one that accepts application/graphql-response+json gets 400.
 */
import { serverAudits } from 'graphql-http';
import { startTestServer, TestServer } from './helpers/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

describe('the graphql-http audit', () => {
  it('passes every MUST and SHOULD', async () => {
    const results: { name: string; status: string; reason?: string }[] = [];
    for (const audit of serverAudits({ url: server.url })) {
      const result = await audit.fn();
      results.push({ name: audit.name, status: result.status, reason: result.status === 'ok' ? undefined : result.reason });
    }
    expect(results.length).toBeGreaterThan(40);
    expect(results.filter((result) => /^(MUST|SHOULD)\b/.test(result.name) && result.status !== 'ok')).toEqual([]);
  });

  it('answers a validation failure with 200 under application/json and 400 under application/graphql-response+json', async () => {
    const send = (accept: string) => fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify({ query: '{ nonsense }' }) });
    const legacy = await send('application/json');
    expect(legacy.status).toBe(200);
    expect(legacy.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await legacy.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const current = await send('application/graphql-response+json');
    expect(current.status).toBe(400);
    expect(current.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
  });
});
