/**
 * A Redis outage under two instances: their subscribers are told (FEED_INTERRUPTED) instead of silently missing
 * events, readiness says so, writes go on, and once Redis is back a resumption delivers every event of the outage.
 * The test runs a Redis of its own, which it kills and restarts; the machine's is never touched.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { connect as connectTcp, createServer } from 'node:net';
import { createTestDatabase, TestDatabase, uniqueChannelPrefix } from './helpers/database';
import { dataOf, startTestServer, TestServer } from './helpers/server';
import { issueToken } from './helpers/tokens';
import { connect, subscribe, until } from './helpers/ws';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await until(
    () =>
      new Promise<boolean>((resolve) => {
        const socket = connectTcp(port, '127.0.0.1');
        socket.once('connect', () => {
          socket.end();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      }),
    'Redis answers',
  );
  return redis;
}

async function readyz(server: TestServer) {
  const response = await fetch(new URL('/readyz', server.url));
  return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, string> } };
}

let database: TestDatabase;
let redisPort: number;
let redis: ChildProcess;
let a: TestServer;
let b: TestServer;
let token: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  redisPort = await freePort();
  redis = await startRedis(redisPort);
  const env = { PUBSUB_URL: `redis://127.0.0.1:${redisPort}`, PUBSUB_CHANNEL_PREFIX: uniqueChannelPrefix() };
  a = await startTestServer({ databaseUrl: database.url, env });
  b = await startTestServer({ databaseUrl: database.url, env });
  token = await issueToken(a, 'outage-editor');
}, 60_000);

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  redis?.kill('SIGKILL');
  await database?.drop();
});

const EVENT_ADDED = `subscription($after: String) { eventAdded(after: $after) { title addedCursor } }`;

async function createEvent(on: TestServer, title: string) {
  return dataOf(await on.gql(`mutation($title: String!) { createEvent(input: { title: $title, date: "2025-09-01", type: OTHER }) { addedCursor } }`, { title }, token)).createEvent;
}

describe('a Redis outage', () => {
  it('tells the subscribers of every instance, reports it in /readyz, keeps writing, and a resumption afterwards misses nothing', async () => {
    const clients = [connect(a.subscriptionUrl), connect(b.subscriptionUrl)];
    try {
      const before = clients.map((client) => subscribe(client, EVENT_ADDED));
      await Promise.all([a.whenLiveSubscriptions((count) => count === 1), b.whenLiveSubscriptions((count) => count === 1)]);
      const { addedCursor: lastSeen } = await createEvent(a, 'Outage: before');
      for (const subscription of before) expect((await subscription.next()).eventAdded.title).toBe('Outage: before');
      expect((await readyz(a)).body.checks.pubsub).toBe('ok');

      redis.kill('SIGKILL');
      for (const subscription of before) {
        const errors = await subscription.error;
        expect(errors.map((error: { extensions?: { code?: string } }) => error.extensions?.code)).toEqual(['FEED_INTERRUPTED']);
      }
      expect(await readyz(a)).toEqual({ status: 503, body: { status: 'not ready', checks: { database: 'ok', migrations: 'ok', pubsub: 'failing: not connected to Redis' } } });
      const refused = await subscribe(clients[0], EVENT_ADDED).error;
      expect(refused.map((error: { extensions?: { code?: string } }) => error.extensions?.code)).toEqual(['FEED_INTERRUPTED']);

      const missed: string[] = [];
      for (let i = 0; i < 30; i += 1) {
        missed.push(`Outage: during ${i}`);
        await createEvent(i % 2 === 0 ? a : b, `Outage: during ${i}`);
      }

      redis = await startRedis(redisPort);
      await until(async () => (await readyz(a)).status === 200 && (await readyz(b)).status === 200, 'both instances are ready again', 15_000);

      const resumed = clients.map((client) => subscribe(client, EVENT_ADDED, { after: lastSeen }));
      const replayed = await Promise.all(resumed.map((subscription) => subscription.collectUntil((value) => value.eventAdded.title === 'Outage: during 29')));
      for (const values of replayed) expect(values.map((value) => value.eventAdded.title)).toEqual(missed);
      await Promise.all([a.whenLiveSubscriptions((count) => count === 1), b.whenLiveSubscriptions((count) => count === 1)]);
      await createEvent(b, 'Outage: after');
      for (const subscription of resumed) expect((await subscription.collectUntil((value) => value.eventAdded.title === 'Outage: after')).length).toBe(31);
    } finally {
      await Promise.all(clients.map((client) => client.dispose()));
    }
  }, 60_000);

  it('notices a Redis that hangs without closing: subscribers are told, /readyz says so, requests keep answering, a stop does not hang, and it all comes back', async () => {
    const limited = await startTestServer({ databaseUrl: database.url, env: { PUBSUB_URL: `redis://127.0.0.1:${redisPort}`, PUBSUB_CHANNEL_PREFIX: uniqueChannelPrefix(), RATE_LIMIT: 'on' } });
    const client = connect(limited.subscriptionUrl);
    let stopped = false;
    try {
      await until(async () => (await readyz(limited)).status === 200, 'the instance is ready');
      const live = subscribe(client, EVENT_ADDED);
      await limited.whenLiveSubscriptions((count) => count === 1);
      redis.kill('SIGSTOP');
      try {
        const errors = await live.error;
        expect(errors.map((error: { extensions?: { code?: string } }) => error.extensions?.code)).toEqual(['FEED_INTERRUPTED']);
        expect((await readyz(limited)).body.checks.pubsub).toBe('failing: not connected to Redis');
        // Rate limits count locally meanwhile: a request does not wait for a Redis that does not answer.
        for (let i = 0; i < 5; i += 1) {
          const started = performance.now();
          const response = await fetch(limited.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ countries(first: 1) { totalCount } }' }) });
          expect(response.status).toBe(200);
          expect(performance.now() - started).toBeLessThan(250);
        }
        await client.dispose();
        const stopping = performance.now();
        await limited.stop();
        stopped = true;
        expect(performance.now() - stopping).toBeLessThan(3000);
      } finally {
        redis.kill('SIGCONT');
      }
      await until(async () => (await readyz(a)).status === 200, 'the other instance is ready again', 15_000);
      const other = connect(a.subscriptionUrl);
      try {
        const again = subscribe(other, EVENT_ADDED);
        await a.whenLiveSubscriptions((count) => count === 1);
        await createEvent(b, 'Outage: after the hang');
        expect((await again.next()).eventAdded.title).toBe('Outage: after the hang');
      } finally {
        await other.dispose();
      }
    } finally {
      await client.dispose();
      if (!stopped) await limited.stop();
    }
  }, 60_000);
});
