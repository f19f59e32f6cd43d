/**
 * The edges of the protocol and of input: what a client sends wrong gets a code and a message it can act on, and
 * nothing is half done.
 */
import { createHash } from 'node:crypto';
import { Country } from '../src/countries/country.entity';
import { Loaders } from '../src/db/loaders';
import { Event } from '../src/events/event.entity';
import { TimeBudgetExceededError } from '../src/errors/errors';
import { dataOf, errorCodes, GraphQLResponse, startTestServer, TestServer } from './helpers/server';
import { issueToken } from './helpers/tokens';

let server: TestServer;
let editor: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer({ env: { NODE_ENV: 'production' } });
  editor = await issueToken(server, 'edge-editor');
}, 60_000);

afterAll(() => server?.stop());

async function countries(): Promise<number> {
  return dataOf(await server.gql('{ countries { totalCount } }')).countries.totalCount;
}

describe('input', () => {
  it('accepts cursors exactly as handed out: padding or stray characters are refused', async () => {
    const { endCursor } = dataOf(await server.gql('{ events(first: 1) { pageInfo { endCursor } } }')).events.pageInfo;
    for (const after of [`${endCursor}=`, `${endCursor}==`, ` ${endCursor}`, `${endCursor}.`]) {
      const response = await server.gql('query($after: String) { events(first: 1, after: $after) { totalCount } }', { after });
      expect({ after, codes: errorCodes(response) }).toEqual({ after, codes: ['BAD_USER_INPUT'] });
    }
    expect(errorCodes(await server.gql('query($after: String) { events(first: 1, after: $after) { totalCount } }', { after: endCursor }))).toEqual([]);
  });

  it('refuses text with an unpaired surrogate instead of storing it altered', async () => {
    const before = await countries();
    const response = await server.gql('mutation($name: String!) { createCountry(input: { name: $name }) { name } }', { name: 'a\ud800b' }, editor);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].message).toBe('name: name must not contain unpaired surrogates (ill-formed UTF-16)');
    expect(await countries()).toBe(before);
    const paired = dataOf(await server.gql('mutation($name: String!) { createCountry(input: { name: $name }) { name } }', { name: 'a\ud83d\ude00b' }, editor));
    expect(paired.createCountry.name).toBe('a😀b');
  });

  it('says once that a field cannot be cleared: updateEvent(input: { title: null })', async () => {
    const event = dataOf(await server.gql('{ events(first: 1) { nodes { id } } }')).events.nodes[0].id;
    const response = await server.gql('mutation($id: ID!) { updateEvent(id: $id, input: { title: null }) { id } }', { id: event }, editor);
    expect(response.errors!.map((error) => [error.extensions?.code, error.message])).toEqual([['BAD_USER_INPUT', 'title: title cannot be null']]);
  });

  it('names the field of an invalid Date, in a literal as in a variable', async () => {
    const literal = await server.gql('mutation { createEvent(input: { title: "x", date: "2024-02-31", type: OTHER }) { id } }', {}, editor);
    expect(errorCodes(literal)).toEqual(['BAD_USER_INPUT']);
    expect(literal.errors![0].message).toBe("input.date: Date cannot represent an invalid date-string 2024-02-31.");
    const filter = await server.gql('{ events(filter: { from: "2024-13-01" }) { totalCount } }');
    expect(filter.errors![0].message).toBe("filter.from: Date cannot represent an invalid date-string 2024-13-01.");
    const variable = await server.gql('query($from: Date) { events(filter: { from: $from }) { totalCount } }', { from: '2024-02-31' });
    expect(variable.errors![0].message).toMatch(/^Variable "\$from" got invalid value "2024-02-31"/);
  });
});

describe('operations', () => {
  it('refuses, before anything runs, a mutation that mixes an allowed write with a forbidden one (403, nothing written)', async () => {
    const before = await countries();
    const country = dataOf(await server.gql('{ countries(first: 1) { nodes { id } } }')).countries.nodes[0].id;
    const response = await server.gql(`mutation($id: ID!) { a: createCountry(input: { name: "Mixed in" }) { id } b: restore(id: $id) { __typename } }`, { id: country }, editor);
    expect(response.status).toBe(403);
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(await countries()).toBe(before);
    const anonymous = await server.gql(`mutation { createCountry(input: { name: "Anonymous" }) { id } }`);
    expect(anonymous.status).toBe(401);
    expect(await countries()).toBe(before);
  });

  it('answers a subscription sent over HTTP with 400, naming the WebSocket URL and protocol', async () => {
    const response = await server.gql('subscription { eventDeleted }');
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['BAD_REQUEST']);
    expect(response.errors![0].message).toBe(`Subscriptions are served over WebSocket with the graphql-transport-ws protocol (the graphql-ws library): connect to ${server.subscriptionUrl} (wss:// behind TLS)`);
  });

  it('answers an automatic persisted query whose hash does not match with BAD_REQUEST, not an internal error', async () => {
    const query = '{ countries(first: 1) { totalCount } }';
    const wrong = createHash('sha256').update('something else').digest('hex');
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: wrong } } }),
    });
    const body = (await response.json()) as GraphQLResponse;
    expect(response.status).toBe(400);
    expect(body.errors!.map((error) => error.extensions?.code)).toEqual(['BAD_REQUEST']);
    const right = createHash('sha256').update(query).digest('hex');
    const registered = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: right } } }) });
    expect(registered.status).toBe(200);
  });

  it('cuts short an operation that has run past REQUEST_TIME_BUDGET_MS: every read it asks for after that is refused with TIME_BUDGET_EXCEEDED', async () => {
    // A request whose budget ran out a moment ago, as a slow one's would have: what it reads next is refused.
    const spent = new Loaders(server.dataSource, [], Date.now() - 1, 250);
    await expect(spent.byId(Country).load(1)).rejects.toThrow(new TimeBudgetExceededError(250));
    await expect(spent.linked(Event, 'countries', 1)).rejects.toMatchObject({ extensions: { code: 'TIME_BUDGET_EXCEEDED' } });
    const page = { sql: `SELECT "id" AS "k0" FROM "countries"`, parameters: [], columns: ['k0'], idColumn: 'k0', order: [{ column: 'k0', direction: 'ASC' as const }] };
    await expect(spent.pageOf(Country).inPage!(page)).rejects.toThrow(new TimeBudgetExceededError(250));
    const fresh = new Loaders(server.dataSource, [], Date.now() + 60_000, 60_000);
    await expect(fresh.byId(Country).load(1)).resolves.toMatchObject({ id: 1 });
  });

});
