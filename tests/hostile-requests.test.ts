/**
 * Requests from a hostile Internet, over HTTP and WebSocket: each is refused before it runs, with a code of its own,
 * or runs within the limits; and all the while a cheap query from another client keeps answering within 250 ms.
 */
import { DocumentNode, getIntrospectionQuery, Kind, parse, print, specifiedRules, validate } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import WebSocket from 'ws';
import { loadConfig } from '../src/app/config';
import { limitRules } from '../src/limits/operation-limits';
import { assertQueryCost } from '../src/limits/query-cost';
import { createFactBus } from '../src/pubsub/pubsub';
import { buildKbSchema } from '../src/app/schema';
import { STARTING_DOCUMENT } from '../src/graphiql/page/starting-document';
import { dataOf, errorCodes, GraphQLResponse, startTestServer, StatementCounter, TestServer } from './helpers/server';
import { issueToken } from './helpers/tokens';
import { connect, deferred, subscribe, until } from './helpers/ws';
import { PROJECT_ROOT } from './helpers/project';

let server: TestServer;
let editor: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer({ env: { NODE_ENV: 'production' } });
  editor = await issueToken(server, 'hostile-editor');
}, 60_000);

afterAll(() => server?.stop());

const CHEAP = '{ countries(first: 1) { totalCount } }';

/** How long the cheap query may take while a hostile request is under way: the frozen server held it for seconds. */
const CHEAP_ANSWER_MS = 250;
/**
 * Attempts at the measure: a request that holds the event loop holds it on every attempt, while a machine running
 * other test files beside this one stalls the process now and then (one answer in a whole CI run took 314 ms).
 */
const ATTEMPTS = 3;

/**
 * Runs `hostile` while another client sends the cheap query again and again, and returns what `hostile` gave and the
 * slowest answer to the cheap query meanwhile: a server whose event loop the hostile request holds answers late.
 * `hostile` is started again, up to ATTEMPTS times, while the slowest answer is CHEAP_ANSWER_MS or more; the quickest
 * attempt is returned. `hostile` is told which attempt it makes, to send a text of its own each time (Apollo keeps a
 * document it has validated, and would not parse or validate the same text again), and checks each attempt's answer.
 */
function whileCheapQueriesRun<T>(hostile: (attempt: number) => Promise<T>): Promise<{ result: T; slowestCheapMs: number }> {
  return whileCheapQueriesRunOn(server, hostile);
}

async function whileCheapQueriesRunOn<T>(on: TestServer, hostile: (attempt: number) => Promise<T>): Promise<{ result: T; slowestCheapMs: number }> {
  let quickest = await onceWhileCheapQueriesRun(on, () => hostile(0));
  for (let attempt = 1; attempt < ATTEMPTS && quickest.slowestCheapMs >= CHEAP_ANSWER_MS; attempt += 1) {
    const again = await onceWhileCheapQueriesRun(on, () => hostile(attempt));
    if (again.slowestCheapMs < quickest.slowestCheapMs) quickest = again;
  }
  return quickest;
}

async function onceWhileCheapQueriesRun<T>(on: TestServer, hostile: () => Promise<T>): Promise<{ result: T; slowestCheapMs: number }> {
  let finished = false;
  let slowestCheapMs = 0;
  const probe = (async () => {
    do {
      const started = performance.now();
      dataOf(await on.gql(CHEAP));
      slowestCheapMs = Math.max(slowestCheapMs, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 10));
    } while (!finished);
  })();
  let result: T;
  try {
    result = await hostile();
  } finally {
    finished = true;
    await probe;
  }
  return { result, slowestCheapMs };
}

function post(body: unknown, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  return fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers }, body: JSON.stringify(body) }).then(async (response) => ({
    status: response.status,
    ...((await response.json()) as object),
  }));
}

async function refusedWith(query: string, code: string, variables?: Record<string, unknown>, headers?: Record<string, string>) {
  const { result, slowestCheapMs } = await whileCheapQueriesRun(async (attempt) => {
    // Trailing line breaks: another text for Apollo's document cache, the same tokens and depth for the limits.
    const refused = await post({ query: `${query}${'\n'.repeat(attempt)}`, variables }, headers);
    expect({ status: refused.status, codes: errorCodes(refused), data: refused.data }).toEqual({ status: 400, codes: [code], data: undefined });
    expect(JSON.stringify(refused)).not.toMatch(/stacktrace|at .+\.js:\d+|Maximum call stack/);
    return refused;
  });
  expect(slowestCheapMs).toBeLessThan(CHEAP_ANSWER_MS);
  return result;
}

/** `depth` levels of officials → country → officials, the nesting the outside test used. */
function nestedOfficials(depth: number): string {
  let selection = 'name';
  for (let level = 0; level < depth; level += 1) selection = `country { officials(first: 1) { nodes { ${selection} } } }`;
  return `{ officials(first: 1) { nodes { ${selection} } } }`;
}

function aliases(count: number, field: string): string {
  return Array.from({ length: count }, (_, index) => `a${index}: ${field}`).join(' ');
}

describe('the query text is checked before it is parsed', () => {
  it('refuses a text longer than MAX_DOCUMENT_BYTES with DOCUMENT_TOO_LARGE', async () => {
    const response = await refusedWith(`{ ${'__typename '.repeat(20_000)}}`, 'DOCUMENT_TOO_LARGE');
    expect(response.errors![0].message).toMatch(/at most 100000 are accepted \(MAX_DOCUMENT_BYTES\)/);
  });

  it('refuses more than MAX_TOKENS tokens with TOO_MANY_TOKENS', async () => {
    await refusedWith(`{ ${aliases(2000, '__typename')} }`, 'TOO_MANY_TOKENS');
  });

  it('refuses brackets nested past what the parser can take with QUERY_TOO_DEEP, not a stack overflow', async () => {
    await refusedWith(`${'{a'.repeat(5000)}${'}'.repeat(5000)}`, 'QUERY_TOO_DEEP');
    await refusedWith(`{ events(filter: { types: ${'['.repeat(3000)}COMBAT${']'.repeat(3000)} }) { totalCount } }`, 'QUERY_TOO_DEEP');
  });
});

describe('the shape of an operation is checked before it runs', () => {
  it('refuses fields nested deeper than MAX_DEPTH with QUERY_TOO_DEEP, at any depth (600 levels answered 500 before)', async () => {
    const deep = await refusedWith(nestedOfficials(6), 'QUERY_TOO_DEEP');
    expect(deep.errors![0].message).toBe('Query depth limit of 12 exceeded, found 21. (MAX_DEPTH)');
    await refusedWith(nestedOfficials(600), 'QUERY_TOO_DEEP');
    expect(dataOf(await server.gql(nestedOfficials(3))).officials.nodes).toHaveLength(1);
  });

  it('refuses more than MAX_ALIASES aliases with TOO_MANY_ALIASES (27,000 aliased counts froze the server before)', async () => {
    await refusedWith(`{ countries(first: 1) { nodes { ${aliases(51, 'name')} } } }`, 'TOO_MANY_ALIASES');
    const allowed = dataOf(await server.gql(`{ ${aliases(20, 'countries(first: 0) { totalCount }')} }`));
    expect(Object.keys(allowed)).toHaveLength(20);
  });

  it('refuses more than MAX_ROOT_FIELDS top-level fields with TOO_MANY_ROOT_FIELDS, mutations included, and writes nothing', async () => {
    const before = dataOf(await server.gql('{ countries { totalCount } }')).countries.totalCount;
    await refusedWith(`mutation { ${aliases(31, 'createCountry(input: { name: "Aliased" }) { id }')} }`, 'TOO_MANY_ROOT_FIELDS', undefined, editor);
    expect(dataOf(await server.gql('{ countries { totalCount } }')).countries.totalCount).toBe(before);
  });

  it('refuses more than MAX_DIRECTIVES directives with TOO_MANY_DIRECTIVES', async () => {
    await refusedWith(`{ ${'__typename @include(if: true) '.repeat(51)}}`, 'TOO_MANY_DIRECTIVES');
  });
});

describe('the cost model charges for the work', () => {
  it('charges totalCount whatever the page size, nodes(ids:) by the number of ids, and mutations', async () => {
    const strict = await startTestServer({ env: { MAX_QUERY_COST: '300' } });
    try {
      const counts = await strict.gql(`{ ${aliases(30, 'countries(first: 0) { totalCount }')} }`);
      expect(errorCodes(counts)).toEqual(['QUERY_TOO_COMPLEX']);
      expect(counts.errors![0].extensions).toMatchObject({ cost: 330, maximumCost: 300 });

      const country = dataOf(await strict.gql('{ countries(first: 1) { nodes { id } } }')).countries.nodes[0].id;
      const byIds = await strict.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array(100).fill(country) });
      expect(byIds.errors).toBeUndefined();
      const nested = await strict.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Country { events(first: 5) { nodes { title } } } } }`, { ids: Array(100).fill(country) });
      expect(errorCodes(nested)).toEqual(['QUERY_TOO_COMPLEX']);
      expect(nested.errors![0].extensions!.cost).toBeGreaterThan(100 * 5);

      const token = await issueToken(strict, 'costly-editor');
      const writes = await strict.gql(`mutation { ${aliases(3, 'createCountry(input: { name: "Costly" }) { id }')} }`, {}, token);
      expect(errorCodes(writes)).toEqual(['QUERY_TOO_COMPLEX']);
      expect(dataOf(await strict.gql('{ countries(filter: { search: "Costly" }) { totalCount } }')).countries.totalCount).toBe(0);
    } finally {
      await strict.stop();
    }
  });

  it('counts totalCount asked for through a fragment as it counts it inline', async () => {
    const strict = await startTestServer({ env: { MAX_QUERY_COST: '300' } });
    try {
      const inline = await strict.gql(`{ ${aliases(30, 'events(first: 0) { totalCount }')} }`);
      const throughFragment = await strict.gql(`{ ${aliases(30, 'events(first: 0) { ...Counted }')} } fragment Counted on EventConnection { totalCount }`);
      expect(errorCodes(inline)).toEqual(['QUERY_TOO_COMPLEX']);
      expect(throughFragment.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: inline.errors![0].extensions!.cost });
    } finally {
      await strict.stop();
    }
  });

  it('refuses, as too complex, fragments spread inside fragments until the estimate cannot see the end of them (a way around the cost limit before)', async () => {
    const heavy = aliases(20, 'countries(first: 100) { nodes { events(first: 100) { nodes { countries { events(first: 100) { nodes { countries { id name } } } } } } } }');
    const spreads = (fragment: string) => Array(22).fill(`...${fragment}`).join(' ');
    const query = `{ ${heavy} ...F1 } fragment F1 on Query { ${spreads('F2')} } fragment F2 on Query { ${spreads('F3')} } fragment F3 on Query { ${Array(22).fill('__typename').join(' ')} }`;
    const response = await refusedWith(query, 'QUERY_TOO_COMPLEX');
    expect(response.errors![0].message).toMatch(/expands to more than 10000 fields once its fragments are spread/);
    const client = connect(server.subscriptionUrl);
    try {
      const errors = await subscribe(client, query).error;
      expect(errors.map((error: { extensions?: { code?: string } }) => error.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX']);
    } finally {
      await client.dispose();
    }
  });

  it('refuses an operation asking for the schema more than once (introspection costs nothing, so it is bounded by count)', async () => {
    const large = `{ ${aliases(30, '__schema { types { name fields { name args { name type { name ofType { name } } } type { name ofType { name ofType { name } } } } } }')} }`;
    await refusedWith(large, 'INTROSPECTION_TOO_LARGE');
    await refusedWith(`{ ${aliases(11, '__type(name: "Event") { name }')} }`, 'INTROSPECTION_TOO_LARGE');
    expect(errorCodes(await server.gql(`{ ${aliases(10, '__type(name: "Event") { name }')} }`))).toEqual([]);
  });

  it('counts totalCount once however many times a connection asks for it', async () => {
    const counter = new StatementCounter();
    const counted = await startTestServer({ logger: counter });
    try {
      counter.reset();
      const answer = dataOf(await counted.gql(`{ events(first: 0) { ${aliases(45, 'totalCount')} } }`));
      expect(new Set(Object.values(answer.events)).size).toBe(1);
      expect(counter.statements.filter((sql) => /COUNT\(|"live_counts"/i.test(sql))).toHaveLength(1);
    } finally {
      await counted.stop();
    }
  });

  it('lets through the full standard introspection query (graphql-codegen, Rover, GraphiQL), over HTTP and WebSocket', async () => {
    const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true });
    const overHttp = await server.gql(query);
    expect(overHttp.errors).toBeUndefined();
    expect(overHttp.data.__schema.types.length).toBeGreaterThan(50);
    const client = connect(server.subscriptionUrl);
    try {
      const answer = deferred<unknown>();
      client.subscribe({ query }, { next: (message) => answer.resolve(message), error: answer.reject, complete: () => {} });
      expect(await answer.promise).toEqual({ data: overHttp.data });
    } finally {
      await client.dispose();
    }
  });

  it('lets through every operation of the README and of the GraphiQL starting document at the default limits', async () => {
    const config = loadConfig({});
    const schema = await buildKbSchema((await createFactBus(null, pino({ level: 'silent' }))).pubSub);
    const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    const operations = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(operations.length).toBeGreaterThan(5);
    for (const text of [...operations, STARTING_DOCUMENT]) {
      // A block may show several operations one after the other; each is sent on its own.
      const { definitions } = parse(text);
      const fragments = definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
      for (const operation of definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)) {
        const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] };
        const shown = print(operation).slice(0, 80);
        expect({ shown, errors: validate(schema, document, [...specifiedRules, ...limitRules(config.limits)]).map((error) => error.message) }).toEqual({ shown, errors: [] });
        expect(() => assertQueryCost(schema, document, {}, undefined, config.maxQueryCost)).not.toThrow();
      }
    }
  });
});

describe('list arguments are bounded as documented', () => {
  it('refuses more than 100 values in an enum list filter with BAD_USER_INPUT, not an internal error', async () => {
    for (const count of [101, 40_000]) {
      const response = await server.gql(`query($types: [EventType!]) { events(filter: { types: $types }) { totalCount } }`, { types: Array(count).fill('COMBAT') });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].message).toBe(`filter.types may hold at most 100 values, got ${count}`);
    }
    const statuses = await server.gql(`query($statuses: [ClaimStatus!]) { events(filter: { claimStatuses: $statuses }) { totalCount } }`, { statuses: Array(101).fill('ALLEGED') });
    expect(errorCodes(statuses)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('search takes any letter', () => {
  it('answers search and filter.search for letters that unaccent turns into punctuation (ʼ ː ŉ), on every engine', async () => {
    for (const text of ['ʼ', 'ː', 'ŉ', 'Kimʼs', 'aː b']) {
      const response = await server.gql(`query($text: String!) { search(query: $text) { totalCount } events(filter: { search: $text }) { totalCount } officials(filter: { search: $text }) { totalCount } }`, { text });
      expect({ text, errors: response.errors }).toEqual({ text, errors: undefined });
    }
  });
});

describe('WebSocket', () => {
  it('closes a socket that sends a message over 1 MB (1009) at once, and the server keeps answering', async () => {
    // Made before the clock starts: the test's own client shares the server's process.
    const frame = JSON.stringify({ type: 'subscribe', id: '1', payload: { query: `{ ${aliases(250_000, '__typename')} }` } });
    expect(frame.length).toBeGreaterThan(3_000_000);
    const { slowestCheapMs } = await whileCheapQueriesRun(async () => {
      const socket = new WebSocket(server.subscriptionUrl, 'graphql-transport-ws');
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(JSON.stringify({ type: 'connection_init' }));
      const closed = await new Promise<number>((resolve, reject) => {
        socket.on('close', (code) => resolve(code));
        socket.on('error', reject);
        socket.send(frame);
      });
      expect(closed).toBe(1009);
    });
    expect(slowestCheapMs).toBeLessThan(CHEAP_ANSWER_MS);
  });

  it('refuses an oversized, too deep or too costly operation for itself alone: the socket and its other subscriptions carry on', async () => {
    const client = connect(server.subscriptionUrl);
    try {
      const live = subscribe(client, `subscription { eventAdded { title } }`);
      await server.whenLiveSubscriptions((count) => count > 0);
      for (const [query, code] of [
        [`{ ${'__typename '.repeat(20_000)}}`, 'DOCUMENT_TOO_LARGE'],
        [nestedOfficials(600), 'QUERY_TOO_DEEP'],
        [`${'{a'.repeat(5000)}${'}'.repeat(5000)}`, 'QUERY_TOO_DEEP'],
        [`{ countries(first: 1) { nodes { ${aliases(51, 'name')} } } }`, 'TOO_MANY_ALIASES'],
        [`{ countries(first: 100) { nodes { events(first: 100) { nodes { countries { events(first: 100) { nodes { title } } } } } } } }`, 'QUERY_TOO_COMPLEX'],
        [`{ a b c`, 'GRAPHQL_PARSE_FAILED'],
      ]) {
        const refused = subscribe(client, query);
        const errors = await refused.error;
        expect({ query: query.slice(0, 40), codes: errors.map((error: { extensions?: { code?: string } }) => error.extensions?.code) }).toEqual({ query: query.slice(0, 40), codes: [code] });
        for (const error of errors) expect(error.extensions).not.toHaveProperty('http');
      }
      await server.gql(`mutation { createEvent(input: { title: "Still live after the refusals", date: "2025-07-01", type: OTHER }) { id } }`, {}, editor);
      expect((await live.next()).eventAdded.title).toBe('Still live after the refusals');
    } finally {
      await client.dispose();
    }
  });

  describe('resuming subscriptions', () => {
    let replaying: TestServer;
    let firstCursor: string;
    let middleCursor: string;
    beforeAll(async () => {
      replaying = await startTestServer({ env: { MAX_REPLAY_EVENTS: '350' } });
      const cursorOf = async () => dataOf(await replaying.gql(`{ events(last: 1, orderBy: { field: CREATED_AT, direction: ASC }) { nodes { addedCursor } } }`)).events.nodes[0].addedCursor;
      const addEvents = (count: number) =>
        replaying.dataSource.query(
          `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})
           INSERT INTO events ("title", "date", "datePrecision", "type", "claimStatus") SELECT 'Missed ' || i, '2025-01-01', 'DAY', 'OTHER', 'REPORTED' FROM n`,
        );
      firstCursor = await cursorOf();
      await addEvents(100);
      middleCursor = await cursorOf();
      await addEvents(300);
    }, 60_000);
    afterAll(() => replaying?.stop());

    it('refuses a resumption from further back than MAX_REPLAY_EVENTS with REPLAY_TOO_LONG, saying how to catch up', async () => {
      const client = connect(replaying.subscriptionUrl);
      try {
        const refused = subscribe(client, `subscription($after: String) { eventAdded(after: $after) { title } }`, { after: firstCursor });
        const errors = await refused.error;
        expect(errors.map((error: { extensions?: { code?: string } }) => error.extensions?.code)).toEqual(['REPLAY_TOO_LONG']);
        expect(errors[0].message).toMatch(/More than 350 events were added after this cursor \(MAX_REPLAY_EVENTS\): read them with events\(orderBy/);
      } finally {
        await client.dispose();
      }
    });

    it('replays thirty resumptions on one socket in full and in order, while a cheap query keeps answering within 250 ms', async () => {
      const client = connect(replaying.subscriptionUrl);
      try {
        const { slowestCheapMs } = await whileCheapQueriesRunOn(replaying, async () => {
          const resumed = Array.from({ length: 30 }, () => subscribe(client, `subscription($after: String) { eventAdded(after: $after) { title countries { name } sources { title } } }`, { after: middleCursor }));
          const replayed = await Promise.all(resumed.map((subscription) => subscription.collectUntil((value) => value.eventAdded.title === 'Missed 300')));
          // Each attempt is thirty on the socket: the one before is unsubscribed.
          resumed.forEach((subscription) => subscription.unsubscribe());
          for (const received of replayed) expect(received.map((value: { eventAdded: { title: string } }) => value.eventAdded.title)).toEqual(Array.from({ length: 300 }, (_, index) => `Missed ${index + 1}`));
        });
        expect(slowestCheapMs).toBeLessThan(CHEAP_ANSWER_MS);
      } finally {
        await client.dispose();
      }
    });
  });
});
