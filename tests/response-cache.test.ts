import { parse } from 'graphql';
import { gunzipSync } from 'node:zlib';
import { KIND_INDEX } from '../src/app/kinds';
import { buildKbSchema } from '../src/app/schema';
import { writeTransaction } from '../src/db/write-transaction';
import { dependenciesIn } from '../src/response-cache/dependencies';
import { createTestDatabase } from './helpers/database';
import { dataOf, startTestServer, StatementCounter, type TestServer } from './helpers/server';
import { issueToken } from './helpers/tokens';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** An anonymous GET query, as a browser, a CDN or Apollo Client's useGETForQueries sends it. */
async function get(server: { url: string }, query: string, headers: Record<string, string> = {}, parameters: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${server.url}?${new URLSearchParams({ query, ...parameters })}`, { headers: { accept: 'application/graphql-response+json', ...headers } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : null };
}

/** What a second identical request got: HIT when it came from the cache. */
const cacheOf = (answer: Answer) => answer.headers.get('x-cache');

const TIMELINE = '{ events(first: 50, orderBy: { field: DATE, direction: DESC }) { totalCount nodes { id title countries { id name } sources { id title } } } }';
const COUNTRIES = '{ countries(first: 50) { nodes { id name } } }';
const SOURCES = '{ sources(first: 100) { nodes { id title } } }';

describe('the response cache', () => {
  let server: TestServer;
  const statements = new StatementCounter();
  let editor: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ logger: statements });
    editor = await issueToken(server, 'cache-test-editor');
  });
  afterAll(() => server.stop());

  it('answers a repeated anonymous GET query with the bytes and headers of the first answer, reading only the versions of what it read', async () => {
    const first = await get(server, TIMELINE, { origin: 'https://newsroom.example.org' });
    expect(first.status).toBe(200);
    expect(cacheOf(first)).toBe('MISS');
    expect(first.json.data.events.nodes.length).toBeGreaterThan(10);
    statements.reset();
    const second = await get(server, TIMELINE, { origin: 'https://newsroom.example.org' });
    expect(statements.statements).toEqual([expect.stringMatching(/^SELECT \(SELECT MAX\("id"\) FROM "revisions" WHERE "entityType" = (\?|\$1)\) AS "v0", \(SELECT MAX/)]);
    expect(cacheOf(second)).toBe('HIT');
    expect(second.text).toBe(first.text);
    // Everything but what differs by nature (and the framing: the full path streams what it compresses).
    const headersOf = (answer: Answer) =>
      Object.fromEntries(
        [...answer.headers].filter(([name]) => !['date', 'x-request-id', 'x-cache', 'content-length', 'transfer-encoding'].includes(name)).map(([name, value]) => [name, name === 'vary' ? value.split(/,\s*/).sort().join(', ') : value]),
      );
    expect(headersOf(second)).toEqual(headersOf(first));
    expect(first.headers.get('access-control-allow-origin')).toBe('https://newsroom.example.org');
    // What a shared cache in front must tell apart, CORS's Origin included.
    expect(second.headers.get('vary')?.split(/,\s*/).sort()).toEqual(['Accept', 'Accept-Encoding', 'Authorization', 'Origin']);
    expect(second.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
  });

  it('revalidates with If-None-Match (304) and compresses for a client that accepts gzip', async () => {
    const first = await get(server, TIMELINE);
    // As a browser revalidates (fetch would add no-cache to a conditional request of its own).
    const revalidated = await get(server, TIMELINE, { 'if-none-match': first.headers.get('etag')!, 'cache-control': 'max-age=0' });
    expect([revalidated.status, cacheOf(revalidated), revalidated.text]).toEqual([304, 'HIT', '']);
    // Compared weakly, as for If-None-Match; a client that says no-cache gets the whole answer, as from Express.
    expect((await get(server, TIMELINE, { 'if-none-match': first.headers.get('etag')!.replace(/^W\//, ''), 'cache-control': 'max-age=0' })).status).toBe(304);
    expect((await get(server, TIMELINE, { 'if-none-match': first.headers.get('etag')!, 'cache-control': 'no-cache' })).text).toBe(first.text);
    const response = await fetch(`${server.url}?${new URLSearchParams({ query: TIMELINE })}`, { headers: { accept: 'application/graphql-response+json', 'accept-encoding': 'gzip' } });
    expect(response.headers.get('x-cache')).toBe('HIT');
    // fetch decompresses on its own; the body it gives must be the very answer.
    expect(await response.text()).toBe(first.text);
    const raw = await new Promise<Buffer>((resolve, reject) => {
      const url = new URL(`${server.url}?${new URLSearchParams({ query: TIMELINE })}`);
      require('node:http')
        .get(url, { headers: { accept: 'application/graphql-response+json', 'accept-encoding': 'gzip' } }, (res: import('node:http').IncomingMessage) => {
          expect(res.headers['content-encoding']).toBe('gzip');
          const chunks: Buffer[] = [];
          res.on('data', (chunk) => chunks.push(chunk)).on('end', () => resolve(Buffer.concat(chunks)));
        })
        .on('error', reject);
    });
    expect(gunzipSync(raw).toString()).toBe(first.text);
  });

  it('keys answers by what they ask and in what media type: another query, variable or media type is answered afresh, a parameter Apollo ignores is not', async () => {
    await get(server, COUNTRIES);
    expect(cacheOf(await get(server, COUNTRIES))).toBe('HIT');
    expect(cacheOf(await get(server, COUNTRIES, {}, { utm_source: 'newsletter' }))).toBe('HIT');
    expect(cacheOf(await get(server, COUNTRIES, { accept: 'application/graphql-response+json, application/json;q=0.9' }))).toBe('HIT');
    const asJson = await get(server, COUNTRIES, { accept: 'application/json' });
    expect(cacheOf(asJson)).toBe('MISS');
    expect(asJson.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(cacheOf(await get(server, '{ countries(first: 2) { nodes { id name } } }'))).toBe('MISS');
    const paged = 'query($first: Int) { countries(first: $first) { nodes { id } } }';
    const two = await get(server, paged, {}, { variables: JSON.stringify({ first: 2 }) });
    const three = await get(server, paged, {}, { variables: JSON.stringify({ first: 3 }) });
    expect([cacheOf(two), cacheOf(three), two.json.data.countries.nodes.length, three.json.data.countries.nodes.length]).toEqual(['MISS', 'MISS', 2, 3]);
    expect(cacheOf(await get(server, paged, {}, { variables: JSON.stringify({ first: 2 }) }))).toBe('HIT');
  });

  it('a read after a write sees the write: once a write is acknowledged, no answer read from its kind is served', async () => {
    const before = await get(server, TIMELINE);
    expect(cacheOf(await get(server, TIMELINE))).toBe('HIT');
    const created = await server.gql(
      'mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }',
      { input: { title: 'A cache test event', date: '2099-01-01', type: 'OTHER', claimStatus: 'ALLEGED' } },
      editor,
    );
    const { id } = dataOf(created).createEvent;
    const after = await get(server, TIMELINE);
    expect(cacheOf(after)).toBe('MISS');
    expect(after.json.data.events.totalCount).toBe(before.json.data.events.totalCount + 1);
    expect(after.json.data.events.nodes[0]).toMatchObject({ id, title: 'A cache test event' });
    dataOf(await server.gql('mutation($id: ID!) { deleteEvent(id: $id) }', { id }, editor));
    const deleted = await get(server, TIMELINE);
    expect(deleted.json.data.events.totalCount).toBe(before.json.data.events.totalCount);
    expect(deleted.text).toBe(before.text);
  });

  it('a write forgets exactly the answers that read its kind: a source changed, the sources and the timeline showing them are read afresh, the countries are not', async () => {
    const timeline = await get(server, TIMELINE);
    await get(server, COUNTRIES);
    await get(server, SOURCES);
    const source = timeline.json.data.events.nodes.find((node: any) => node.sources.length > 0).sources[0];
    dataOf(await server.gql('mutation($id: ID!, $input: UpdateSourceInput!) { updateSource(id: $id, input: $input) { id } }', { id: source.id, input: { title: `${source.title} (retitled)` } }, editor));
    const [events, countries, sources] = [await get(server, TIMELINE), await get(server, COUNTRIES), await get(server, SOURCES)];
    expect([cacheOf(events), cacheOf(countries), cacheOf(sources)]).toEqual(['MISS', 'HIT', 'MISS']);
    expect(events.text).toContain(`${source.title} (retitled)`);
    expect(sources.text).toContain(`${source.title} (retitled)`);
    dataOf(await server.gql('mutation($id: ID!, $input: UpdateSourceInput!) { updateSource(id: $id, input: $input) { id } }', { id: source.id, input: { title: source.title } }, editor));
    expect((await get(server, TIMELINE)).text).toBe(timeline.text);
  });

  it('keeps no answer read while a write was open: what it may show could yet be rolled back (on SQLite every request reads through the one connection)', async () => {
    const asked = '{ countries(first: 49) { nodes { id name } } }';
    const country = dataOf(await server.gql(asked)).countries.nodes[0];
    const during = await writeTransaction(server.dataSource, async (manager) => {
      await manager.query(`UPDATE "countries" SET "name" = 'Never committed' WHERE "id" = ${Number(Buffer.from(country.id, 'base64url').toString().split(':')[1])}`);
      const answer = await get(server, asked);
      throw Object.assign(new Error('rolled back'), { answer });
    }).catch((error) => error.answer as Answer);
    // Answered, but not kept: a write was open while it was read.
    expect(cacheOf(during)).toBeNull();
    const after = await get(server, asked);
    expect(cacheOf(after)).toBe('MISS');
    expect(after.text).not.toContain('Never committed');
    expect(after.json.data.countries.nodes[0].name).toBe(country.name);
  });

  it('never shares an answer between callers who may see different things: a request with credentials is neither stored nor answered from the cache', async () => {
    const country = dataOf(await server.gql('mutation { createCountry(input: { name: "Cacheland", isoCode: "CLD" }) { id } }', {}, editor)).createCountry;
    const history = `{ node(id: "${country.id}") { ... on Country { revisions { nodes { actor } } } } }`;
    // The editor sees the token's name; anyone else its display name, here its role.
    const asEditor = await get(server, history, editor);
    expect(asEditor.json.data.node.revisions.nodes[0].actor).toBe('cache-test-editor');
    expect(cacheOf(asEditor)).toBeNull();
    const anonymous = await get(server, history);
    expect([cacheOf(anonymous), anonymous.json.data.node.revisions.nodes[0].actor]).toEqual(['MISS', 'editor']);
    expect(cacheOf(await get(server, history))).toBe('HIT');
    const editorAgain = await get(server, history, editor);
    expect([cacheOf(editorAgain), editorAgain.json.data.node.revisions.nodes[0].actor]).toEqual([null, 'cache-test-editor']);
    // Even a bad token is not an anonymous caller: its answer (an error) is its own.
    const badToken = await get(server, history, { authorization: 'Bearer kb_1_nottherightsecret' });
    expect(cacheOf(badToken)).toBeNull();
  });

  it('stores neither errors, nor POSTs, nor what it cannot tie to kinds of fact', async () => {
    const failing = '{ events(first: 50) { nodes { noSuchField } } }';
    await get(server, failing);
    const again = await get(server, failing);
    expect(again.status).toBe(400);
    expect(cacheOf(again)).toBeNull();
    // A parameter given twice is refused by Apollo, even where the first one's answer is stored.
    await get(server, COUNTRIES);
    const twice = await fetch(`${server.url}?${new URLSearchParams([['query', COUNTRIES], ['query', SOURCES]])}`, { headers: { accept: 'application/graphql-response+json' } });
    expect([twice.status, twice.headers.get('x-cache')]).toEqual([400, null]);
    const posted = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: COUNTRIES }) });
    expect(posted.headers.get('x-cache')).toBeNull();
    // `changes` lists revisions, which no kind's version covers on its own: always read afresh.
    const changes = '{ changes(since: "2000-01-01T00:00:00Z", first: 5) { nodes { id } } }';
    await get(server, changes);
    expect(cacheOf(await get(server, changes))).toBeNull();
  });
});

describe('the response cache across instances', () => {
  it('an instance never answers from its cache what a write on another instance sharing its database has changed', async () => {
    const database = await createTestDatabase();
    // No Redis: the versions are the database's own, committed with each write.
    const first = await startTestServer({ databaseUrl: database.url });
    const second = await startTestServer({ databaseUrl: database.url });
    try {
      const editor = await issueToken(first, 'cache-cross-editor');
      const timeline = await get(second, TIMELINE);
      const country = timeline.json.data.events.nodes.find((node: any) => node.countries.length > 0).countries[0];
      await get(second, COUNTRIES);
      expect(cacheOf(await get(second, COUNTRIES))).toBe('HIT');
      expect(cacheOf(await get(second, TIMELINE))).toBe('HIT');
      // Written on the first instance, read at once on the second: nothing has to travel between them.
      dataOf(await first.gql('mutation($id: ID!) { updateCountry(id: $id, input: { name: "Renamed elsewhere" }) { id } }', { id: country.id }, editor));
      const countries = await get(second, COUNTRIES);
      expect(cacheOf(countries)).toBe('MISS');
      expect(countries.json.data.countries.nodes.find((node: any) => node.id === country.id).name).toBe('Renamed elsewhere');
      const events = await get(second, TIMELINE);
      expect(cacheOf(events)).toBe('MISS');
      expect(events.text).toContain('Renamed elsewhere');
      expect(events.text).not.toContain(`"name":"${country.name}"`);
      // And the writer's own cache too.
      expect((await get(first, COUNTRIES)).json.data.countries.nodes.find((node: any) => node.id === country.id).name).toBe('Renamed elsewhere');
      dataOf(await first.gql('mutation($id: ID!, $name: String!) { updateCountry(id: $id, input: { name: $name }) { id } }', { id: country.id, name: country.name }, editor));
      expect((await get(second, TIMELINE)).text).toBe(timeline.text);
    } finally {
      await first.stop();
      await second.stop();
      await database.drop();
    }
  });
});

describe('the kinds of fact an answer is read from (what invalidates it)', () => {
  let kindsOf: (query: string, operationName?: string) => string[] | null;

  beforeAll(async () => {
    const dependencies = dependenciesIn(await buildKbSchema({ publish() {}, subscribe() {} } as never), (type) => KIND_INDEX.storedWith(type));
    kindsOf = (query, operationName) => dependencies(parse(query), operationName);
  });

  it('follows fields, fragments, parts, connections and abstract types to the kinds they are stored as', () => {
    expect(kindsOf('{ events(first: 1) { totalCount } }')).toEqual(['Event']);
    expect(kindsOf('{ events(first: 1) { nodes { ...Row } } } fragment Row on Event { countries { name } figures { subject } location { name } }')).toEqual(['Country', 'Event']);
    expect(kindsOf('{ casualties(first: 1) { nodes { reportedByCountry { name } } } }')).toEqual(['CasualtyReport', 'Country']);
    expect(kindsOf('{ search(query: "Kursk", first: 1) { totalCount } }')).toEqual(['Country', 'Event', 'Official', 'Organization', 'Source', 'Statement']);
    expect(kindsOf('{ node(id: "x") { id } }')).toEqual([...KIND_INDEX.types].sort());
    expect(kindsOf('{ __typename }')).toEqual([]);
  });

  it('counts only the operation asked for, and ties nothing it cannot say to a kind', () => {
    expect(kindsOf('query A { countries(first: 1) { nodes { id } } } query B { sources(first: 1) { nodes { id } } }', 'B')).toEqual(['Source']);
    expect(kindsOf('query A { countries(first: 1) { nodes { id } } } query B { sources(first: 1) { nodes { id } } }')).toBeNull();
    expect(kindsOf('{ changes(since: "2000-01-01T00:00:00Z") { nodes { id } } }')).toBeNull();
    expect(kindsOf('mutation { deleteEvent(id: "x") }')).toBeNull();
  });
});
