import { createTestDatabase, TestDatabase, uniqueChannelPrefix } from './helpers/database';
import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { ApolloClient, InMemoryCache, gql } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient } from 'graphql-ws';
import { dataOf, startTestServer, TestServer } from './helpers/server';
import { issueToken } from './helpers/tokens';
import { connect, deferred, subscribe, until } from './helpers/ws';

const REDIS_URL = 'redis://127.0.0.1:6379';

let database: TestDatabase;
let databaseUrl: string;
let server: TestServer;
let editor: Record<string, string>;
let ids: { russia: string; estonia: string; lavrov: string; source: string };

beforeAll(async () => {
  database = await createTestDatabase();
  databaseUrl = database.url;
  server = await startTestServer({ databaseUrl, env: { MAX_SUBSCRIPTIONS_PER_CONNECTION: '20', WS_CONNECTION_INIT_TIMEOUT_MS: '300', WS_KEEPALIVE_MS: '100' } });
  editor = await issueToken(server, 'live-editor');
  const lookup = dataOf(
    await server.gql(`{
      russia: countries(filter: { search: "Russia" }) { nodes { id } } estonia: countries(filter: { search: "Estonia" }) { nodes { id } }
      lavrov: officials(filter: { search: "Lavrov" }) { nodes { id } } sources(first: 1) { nodes { id } } }`),
  );
  ids = { russia: lookup.russia.nodes[0].id, estonia: lookup.estonia.nodes[0].id, lavrov: lookup.lavrov.nodes[0].id, source: lookup.sources.nodes[0].id };
}, 60_000);

// Each test closes its connections; the server lets go of their subscriptions asynchronously.
beforeEach(() => server.whenLiveSubscriptions((count) => count === 0));

afterAll(async () => {
  await server?.stop();
  await database.drop();
});

async function createEvent(input: Record<string, unknown>, on: TestServer = server) {
  return dataOf(await on.gql(`mutation($input: CreateEventInput!) { createEvent(input: $input) { id title addedCursor } }`, { input: { date: '2025-06-01', type: 'OTHER', ...input } }, editor)).createEvent;
}

/** Subscribes and waits until the server listens, so that a mutation made next cannot be missed. */
async function liveSubscription(client: ReturnType<typeof connect>, query: string, variables: Record<string, unknown> = {}, on: TestServer = server) {
  const before = on.liveSubscriptions();
  const subscription = subscribe(client, query, variables);
  await on.whenLiveSubscriptions((count) => count > before);
  return subscription;
}

describe('eventAdded', () => {
  it('pushes a new event with any nested field, and the cursor to resume from', async () => {
    const client = connect(server.subscriptionUrl);
    try {
      const subscription = await liveSubscription(client, `subscription { eventAdded { id title addedCursor countries { name } sources { title } location { name } } }`);
      const created = await createEvent({ title: 'Pushed to every client', countryIds: [ids.russia], sourceIds: [ids.source], location: { name: 'Kursk Oblast' } });
      const { eventAdded } = await subscription.next();
      expect(eventAdded).toEqual({
        id: created.id,
        title: 'Pushed to every client',
        addedCursor: created.addedCursor,
        countries: [{ name: 'Russia' }],
        sources: [{ title: expect.any(String) }],
        location: { name: 'Kursk Oblast' },
      });
    } finally {
      await client.dispose();
    }
  });

  it('fans one new event out to every subscriber: 300 subscriptions on 30 connections, two selections, each told once with its own', async () => {
    // A server of its own, with the default connection_init timeout: 30 connections opened at once in this process may
    // take longer than the 300 ms the shared one allows, and a refused one must not hold up the tests after this one.
    const own = await startTestServer({ databaseUrl });
    const clients = Array.from({ length: 30 }, () => connect(own.subscriptionUrl));
    try {
      const selections = ['subscription { eventAdded { id title } }', 'subscription { eventAdded { id countries { name } } }'];
      const subscriptions = clients.flatMap((client, index) => Array.from({ length: 10 }, (_, slot) => ({ selection: (index + slot) % 2, subscription: subscribe(client, selections[(index + slot) % 2]) })));
      await own.whenLiveSubscriptions((count) => count === subscriptions.length);
      const created = await createEvent({ title: 'Told to all three hundred', countryIds: [ids.russia] }, own);
      const told = await Promise.all(subscriptions.map(async ({ selection, subscription }) => ({ selection, value: (await subscription.next()).eventAdded })));
      expect(told.filter(({ selection, value }) => (selection === 0 ? value.title === created.title && !('countries' in value) : value.countries[0].name === 'Russia' && !('title' in value)) && value.id === created.id)).toHaveLength(300);
      // Nothing more for anyone: one message each.
      await createEvent({ title: 'The next one' }, own);
      await Promise.all(subscriptions.map(({ subscription }) => subscription.next()));
      expect(subscriptions.every(({ subscription }) => subscription.received.length === 2 && subscription.received[1].eventAdded.id !== created.id)).toBe(true);
    } finally {
      await Promise.all(clients.map((client) => client.dispose()));
      await own.stop();
    }
  });

  it('shares an execution only between callers who may see the same: an editor sees the token behind a change, the public its display name', async () => {
    const anonymous = connect(server.subscriptionUrl);
    const editing = connect(server.subscriptionUrl, { authorization: editor.authorization });
    try {
      const query = `subscription { eventAdded { title revisions { nodes { actor } } } }`;
      const seenByPublic = await liveSubscription(anonymous, query);
      const seenByEditor = await liveSubscription(editing, query);
      await createEvent({ title: 'Seen by two audiences' });
      expect((await seenByPublic.next()).eventAdded.revisions.nodes).toEqual([{ actor: 'editor' }]);
      expect((await seenByEditor.next()).eventAdded.revisions.nodes).toEqual([{ actor: 'live-editor' }]);
    } finally {
      await Promise.all([anonymous.dispose(), editing.dispose()]);
    }
  });

  it('applies every EventFilter field exactly as events(filter:) does, and does not deliver what does not match', async () => {
    const client = connect(server.subscriptionUrl);
    try {
      const filters: Record<string, Record<string, unknown> | null> = {
        none: null,
        countryIds: { countryIds: [ids.russia] },
        officialIds: { officialIds: [ids.lavrov] },
        types: { types: ['COMBAT'] },
        claimStatuses: { claimStatuses: ['ALLEGED'] },
        from: { from: '2024-01-01' },
        to: { to: '2024-12-31' },
        search: { search: 'zeppelin' },
      };
      const subscriptions = Object.fromEntries(
        await Promise.all(
          Object.entries(filters).map(async ([name, filter]) => [name, await liveSubscription(client, `subscription($filter: EventFilter) { eventAdded(filter: $filter) { title } }`, { filter })] as const),
        ),
      );
      const matching = { countryIds: [ids.russia], officialIds: [ids.lavrov], type: 'COMBAT', claimStatus: 'ALLEGED' };
      await createEvent({ title: 'Zeppelin over Kursk', date: '2025-05-05', ...matching });
      await createEvent({ title: 'Ordinary day', date: '2020-01-01', countryIds: [ids.estonia], type: 'OTHER', claimStatus: 'REPORTED' });
      await createEvent({ title: 'Zeppelin sentinel', date: '2024-06-01', ...matching });

      const received = async (name: string) =>
        (await subscriptions[name].collectUntil((value: { eventAdded: { title: string } }) => value.eventAdded.title === 'Zeppelin sentinel')).map((value) => value.eventAdded.title);
      expect(await received('none')).toEqual(['Zeppelin over Kursk', 'Ordinary day', 'Zeppelin sentinel']);
      for (const name of ['countryIds', 'officialIds', 'types', 'claimStatuses', 'from', 'search']) {
        expect([name, await received(name)]).toEqual([name, ['Zeppelin over Kursk', 'Zeppelin sentinel']]);
      }
      expect(await received('to')).toEqual(['Ordinary day', 'Zeppelin sentinel']);
    } finally {
      await client.dispose();
    }
  });

  it('refuses a bad filter or cursor with BAD_USER_INPUT', async () => {
    const client = connect(server.subscriptionUrl);
    try {
      const badCursor = subscribe(client, `subscription { eventAdded(after: "garbage") { title } }`);
      expect((await badCursor.error)[0].extensions.code).toBe('BAD_USER_INPUT');
      const wrongType = subscribe(client, `subscription($ids: [ID!]) { eventAdded(filter: { countryIds: $ids }) { title } }`, { ids: [ids.lavrov] });
      expect((await wrongType.error)[0].extensions.code).toBe('BAD_USER_INPUT');
    } finally {
      await client.dispose();
    }
  });

  it('resumes with after: replays what was added while away, in order, then goes on live, none lost or doubled', async () => {
    const first = connect(server.subscriptionUrl);
    const filter = { countryIds: [ids.russia] };
    const query = `subscription($filter: EventFilter, $after: String) { eventAdded(filter: $filter, after: $after) { id title addedCursor } }`;
    const before = await liveSubscription(first, query, { filter });
    await createEvent({ title: 'Seen before the drop', countryIds: [ids.russia] });
    const { eventAdded: lastSeen } = await before.next();
    await first.dispose();

    const missed = [];
    for (let index = 1; index <= 3; index += 1) missed.push(await createEvent({ title: `Missed ${index}`, countryIds: [ids.russia] }));
    await createEvent({ title: 'Missed but not matching', countryIds: [ids.estonia] });

    const second = connect(server.subscriptionUrl);
    try {
      const resumed = subscribe(second, query, { filter, after: lastSeen.addedCursor });
      // Events added while the replay is read must come once, in order, through whichever path.
      const duringHandover = await Promise.all([1, 2, 3].map((index) => createEvent({ title: `During the handover ${index}`, countryIds: [ids.russia] })));
      const after = await createEvent({ title: 'After the handover', countryIds: [ids.russia] });
      const values = await resumed.collectUntil((value: { eventAdded: { id: string } }) => value.eventAdded.id === after.id);
      const titles = values.map((value) => value.eventAdded.title);
      expect(titles.slice(0, 3)).toEqual(['Missed 1', 'Missed 2', 'Missed 3']);
      expect(titles.slice(3, 6).sort()).toEqual(['During the handover 1', 'During the handover 2', 'During the handover 3']);
      expect(titles[6]).toBe('After the handover');
      expect(titles).toHaveLength(7);
      const received = values.map((value) => value.eventAdded.id);
      expect(new Set(received).size).toBe(received.length);
      // Exactly the events made here, each once: the missed ones in order, then the three racing ones in whichever order they were added.
      expect(received.slice(0, 3)).toEqual(missed.map((event) => event.id));
      expect(received.slice(3, 6).sort()).toEqual(duringHandover.map((event) => event.id).sort());
    } finally {
      await second.dispose();
    }
  });
});

describe('eventUpdated, eventDeleted, statementAdded, casualtyReported', () => {
  it('pushes updates (after the filter) and deletions of events', async () => {
    const client = connect(server.subscriptionUrl);
    try {
      const event = await createEvent({ title: 'Draft', countryIds: [ids.russia] });
      const updated = await liveSubscription(client, `subscription($filter: EventFilter) { eventUpdated(filter: $filter) { id title } }`, { filter: { countryIds: [ids.russia] } });
      const deleted = await liveSubscription(client, `subscription { eventDeleted }`);
      await server.gql(`mutation($id: ID!) { updateEvent(id: $id, input: { countryIds: [] }) { id } }`, { id: event.id }, editor);
      await server.gql(`mutation($id: ID!, $c: [ID!]) { updateEvent(id: $id, input: { title: "Final", countryIds: $c }) { id } }`, { id: event.id, c: [ids.russia] }, editor);
      await server.gql(`mutation($id: ID!) { deleteEvent(id: $id) }`, { id: event.id }, editor);
      expect(await updated.next()).toEqual({ eventUpdated: { id: event.id, title: 'Final' } });
      expect(await deleted.next()).toEqual({ eventDeleted: event.id });
      expect(updated.received).toHaveLength(1);
    } finally {
      await client.dispose();
    }
  });

  it('pushes new statements and casualty reports', async () => {
    const client = connect(server.subscriptionUrl);
    try {
      const statements = await liveSubscription(client, `subscription { statementAdded { text sources { title } } }`);
      const casualties = await liveSubscription(client, `subscription { casualtyReported { killed country { name } } }`);
      await server.gql(`mutation($s: [ID!]) { createStatement(input: { text: "A new statement", date: "2025-06-02", sourceIds: $s }) { id } }`, { s: [ids.source] }, editor);
      await server.gql(`mutation($c: ID!) { createCasualtyReport(input: { countryId: $c, killed: 12, asOf: "2025-06-02" }) { id } }`, { c: ids.russia }, editor);
      expect(await statements.next()).toEqual({ statementAdded: { text: 'A new statement', sources: [{ title: expect.any(String) }] } });
      expect(await casualties.next()).toEqual({ casualtyReported: { killed: 12, country: { name: 'Russia' } } });
    } finally {
      await client.dispose();
    }
  });
});

describe('connections', () => {
  it('limits the subscriptions of one connection', async () => {
    const client = connect(server.subscriptionUrl);
    try {
      for (let index = 0; index < 20; index += 1) await liveSubscription(client, `subscription { eventDeleted }`);
      const refused = subscribe(client, `subscription { eventDeleted }`);
      expect((await refused.error)[0].extensions.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    } finally {
      await client.dispose();
    }
    await server.whenLiveSubscriptions((count) => count === 0);
  });

  it('frees the places of failed subscriptions on the connection', async () => {
    const client = connect(server.subscriptionUrl);
    try {
      for (let index = 0; index < 25; index += 1) await subscribe(client, `subscription { eventAdded { nonsense } }`).error;
      // All 20 places are free: had a failure kept one, the last of these would be refused with TOO_MANY_SUBSCRIPTIONS.
      const valid = Array.from({ length: 20 }, () => subscribe(client, `subscription { eventDeleted }`));
      const refused = Promise.race(valid.map((subscription) => subscription.error));
      expect(await Promise.race([server.whenLiveSubscriptions((count) => count === 20).then(() => 'all live'), refused])).toBe('all live');
      // And each is live: a deletion reaches every one.
      const event = await createEvent({ title: 'Deleted while a full connection listens' });
      dataOf(await server.gql(`mutation($id: ID!) { deleteEvent(id: $id) }`, { id: event.id }, editor));
      expect(await Promise.all(valid.map((subscription) => subscription.next()))).toEqual(Array(20).fill({ eventDeleted: event.id }));
    } finally {
      await client.dispose();
    }
  });

  it('gives errors over WebSocket the same codes as over HTTP', async () => {
    const client = connect(server.subscriptionUrl);
    try {
      const badDate = await subscribe(client, `subscription { eventAdded(filter: { from: "2024-02-31" }) { title } }`).error;
      expect(badDate[0].extensions.code).toBe('BAD_USER_INPUT');
      const badVariable = await subscribe(client, `subscription($from: Date) { eventAdded(filter: { from: $from }) { title } }`, { from: 'soon' }).error;
      expect(badVariable[0].extensions.code).toBe('BAD_USER_INPUT');
      const unknownField = await subscribe(client, `subscription { eventAdded { nonsense } }`).error;
      expect(unknownField[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const tooComplex = await subscribe(client, `subscription { eventAdded { countries { events(first: 100) { nodes { countries { events(first: 100) { nodes { title } } } } } } } }`).error;
      expect(tooComplex[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
      const tooMany = await subscribe(client, `subscription($ids: [ID!]) { eventAdded(filter: { countryIds: $ids }) { title } }`, { ids: Array(101).fill(ids.russia) }).error;
      expect(tooMany[0].extensions.code).toBe('BAD_USER_INPUT');
    } finally {
      await client.dispose();
    }
  });

  it('pings idle connections to keep them alive (WebSocket ping frames)', async () => {
    const socket = new WebSocket(server.subscriptionUrl, 'graphql-transport-ws');
    const pinged = deferred<boolean>();
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('ping', () => pinged.resolve(true));
    try {
      expect(await pinged.promise).toBe(true);
    } finally {
      socket.close();
    }
  });

  it('closes a socket that never sends connection_init (4408)', async () => {
    const socket = new WebSocket(server.subscriptionUrl, 'graphql-transport-ws');
    const closed = deferred<number>();
    socket.on('close', (code) => closed.resolve(code));
    expect(await closed.promise).toBe(4408);
  });

  it('drives the feed with Apollo Client and GraphQLWsLink', async () => {
    const wsClient = createClient({ url: server.subscriptionUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
    const apollo = new ApolloClient({ link: new GraphQLWsLink(wsClient), cache: new InMemoryCache() });
    const received = deferred<{ title: string }>();
    const before = server.liveSubscriptions();
    const subscription = apollo.subscribe<{ eventAdded: { title: string } }>({ query: gql`subscription { eventAdded { id title } }` }).subscribe({
      next: (result) => result.data && received.resolve(result.data.eventAdded),
      error: (error) => received.reject(error),
    });
    try {
      await server.whenLiveSubscriptions((count) => count > before);
      await createEvent({ title: 'Seen by Apollo Client' });
      expect(await received.promise).toMatchObject({ title: 'Seen by Apollo Client' });
    } finally {
      subscription.unsubscribe();
      await wsClient.dispose();
    }
  });
});

describe('more than one server', () => {
  it('delivers a mutation made on one instance to subscribers of another, through Redis', async () => {
    const redis = new Redis(REDIS_URL);
    const shared = { PUBSUB_URL: REDIS_URL, PUBSUB_CHANNEL_PREFIX: uniqueChannelPrefix() };
    const a = await startTestServer({ databaseUrl, env: shared });
    const b = await startTestServer({ databaseUrl, env: shared });
    const client = connect(b.subscriptionUrl);
    try {
      const subscription = await liveSubscription(client, `subscription { eventAdded { title countries { name } } }`, {}, b);
      await until(async () => ((await redis.pubsub('NUMSUB', `${shared.PUBSUB_CHANNEL_PREFIX}EVENT_ADDED`)) as [string, number])[1] >= 1, 'Redis has the subscriber');
      await createEvent({ title: 'Published on instance A', countryIds: [ids.russia] }, a);
      expect(await subscription.next()).toEqual({ eventAdded: { title: 'Published on instance A', countries: [{ name: 'Russia' }] } });
    } finally {
      await client.dispose();
      await Promise.all([a.stop(), b.stop()]);
      await redis.quit();
    }
  });
});

describe('when Redis goes away', () => {
  it('keeps serving: the mutation succeeds and the server stays up', async () => {
    // Below the ephemeral range (32768 and up here), where servers on port 0 and outgoing connections take theirs.
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const redisExited = new Promise((resolve) => redis.on('exit', resolve));
    await until(async () => {
      const probe = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, retryStrategy: () => null });
      try {
        await probe.connect();
        // Our Redis, not whatever else might answer on that port.
        const answered = (await probe.ping()) === 'PONG';
        await probe.quit();
        return answered;
      } catch {
        probe.disconnect();
        return false;
      }
    }, 'the Redis server answers');
    const own = await startTestServer({ databaseUrl, env: { PUBSUB_URL: `redis://127.0.0.1:${port}`, LOG_LEVEL: 'silent' } });
    try {
      redis.kill('SIGKILL');
      await redisExited;
      const created = await createEvent({ title: 'Written while Redis is down' }, own);
      expect(created.title).toBe('Written while Redis is down');
      expect(dataOf(await own.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: created.id })).node).toEqual({ id: created.id });
    } finally {
      await own.stop();
    }
  });
});

describe('shutdown', () => {
  it('closes every socket cleanly, with code 1001 and a reason', async () => {
    const own = await startTestServer({ databaseUrl });
    const closed = deferred<{ code: number; reason: string }>();
    const client = connect(own.subscriptionUrl, {}, { onClosed: (event) => closed.resolve(event as { code: number; reason: string }) });
    await liveSubscription(client, `subscription { eventDeleted }`, {}, own);
    await own.stop();
    const { code, reason } = await closed.promise;
    expect(code).toBe(1001);
    expect(reason.toString()).toBe('Going away');
    await client.dispose();
  });
});
