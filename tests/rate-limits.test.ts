/**
 * Rate limits (per client IP, per token, failed authentication, WebSocket connections, operations and messages), the
 * connection caps and the timeouts that keep one client from locking the others out.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createConnection, Socket } from 'node:net';
import WebSocket from 'ws';
import { rateKeyOf } from '../src/limits/rate-limits';
import { uniqueChannelPrefix } from './helpers/database';
import { errorCodes, startTestServer, TestServer } from './helpers/server';
import { bearer, issueToken } from './helpers/tokens';
import { connect, subscribe } from './helpers/ws';

const REDIS_URL = 'redis://127.0.0.1:6379';
const CHEAP = '{ countries(first: 1) { totalCount } }';

async function post(server: TestServer, headers: Record<string, string> = {}, query = CHEAP) {
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } };
}

async function withServer(env: Record<string, string>, run: (server: TestServer) => Promise<void>) {
  const server = await startTestServer({ env: { RATE_LIMIT: 'on', ...env } });
  try {
    await run(server);
  } finally {
    await server.stop();
  }
}

describe('rate limits over HTTP', () => {
  it('limits the requests of one client IP, with the IETF RateLimit fields on every answer and 429 + Retry-After past the limit', () =>
    withServer({ RATE_LIMIT_REQUESTS_PER_MINUTE: '3' }, async (server) => {
      const answers = [await post(server), await post(server), await post(server)];
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
      expect(answers.map((answer) => answer.headers.get('ratelimit-policy'))).toEqual(Array(3).fill('"requests";q=3;w=60'));
      expect(answers.map((answer) => answer.headers.get('ratelimit')?.replace(/t=\d+/, 't=T'))).toEqual(['"requests";r=2;t=T', '"requests";r=1;t=T', '"requests";r=0;t=T']);

      const refused = await post(server);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.headers.get('ratelimit')).toMatch(/^"requests";r=0;t=\d+$/);
      expect(refused.body.errors![0]).toMatchObject({ message: expect.stringMatching(/^Too many requests \(requests: at most 3 a minute\); retry in \d+ s$/), extensions: { code: 'RATE_LIMITED' } });

      // Health checks and GraphiQL are not counted.
      expect((await fetch(new URL('/healthz', server.url))).status).toBe(200);
      expect((await fetch(new URL('/graphiql', server.url))).status).not.toBe(429);
    }));

  it('limits the operations of one verified token, whatever the IP budget left, and cannot be spent by someone forging its id', () =>
    withServer({ RATE_LIMIT_REQUESTS_PER_MINUTE: '100', RATE_LIMIT_TOKEN_REQUESTS_PER_MINUTE: '2', RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '100' }, async (server) => {
      const token = await issueToken(server, 'busy-editor');
      const id = /kb_(\d+)_/.exec(token.authorization)![1];
      const write = (headers: Record<string, string>) => post(server, headers, `mutation { createCountry(input: { name: "Busy" }) { id } }`);
      // Someone who knows the token's id but not its secret spends nothing of its allowance.
      for (let attempt = 0; attempt < 5; attempt += 1) expect((await write(bearer(`kb_${id}_${'z'.repeat(43)}`))).status).toBe(401);
      expect((await write(token)).status).toBe(200);
      expect((await write(token)).status).toBe(200);
      const refused = await write(token);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('ratelimit-policy')).toBe('"token-requests";q=2;w=60');
      expect(refused.body.errors!.map((error) => error.extensions?.code)).toEqual(['RATE_LIMITED']);
      expect((await post(server)).status).toBe(200);
    }));

  it('after RATE_LIMIT_AUTH_FAILURES_PER_MINUTE bad tokens from one IP, refuses its credentials unchecked (429), and still serves its anonymous reads', () =>
    withServer({ RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '3' }, async (server) => {
      const good = await issueToken(server, 'real-editor');
      const write = `mutation { createCountry(input: { name: "Guessed" }) { id } }`;
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const guess = await post(server, bearer(`kb_1_${'x'.repeat(43)}`), write);
        expect(guess.status).toBe(401);
        expect(guess.headers.get('www-authenticate')).toBe('Bearer realm="kb-graphql", error="invalid_token"');
        expect(errorCodes({ status: guess.status, ...guess.body })).toEqual(['UNAUTHENTICATED']);
      }
      for (const headers of [bearer(`kb_1_${'y'.repeat(43)}`), good]) {
        const refused = await post(server, headers, write);
        expect(refused.status).toBe(429);
        expect(refused.headers.get('ratelimit-policy')).toBe('"auth-failures";q=3;w=60');
      }
      expect((await post(server)).status).toBe(200);
      const anonymousWrite = await post(server, {}, write);
      expect(anonymousWrite.status).toBe(401);
      expect(anonymousWrite.headers.get('www-authenticate')).toBe('Bearer realm="kb-graphql"');
    }));

  it('counts in Redis when PUBSUB_URL is set, so that the limit holds across instances', async () => {
    const env = { RATE_LIMIT: 'on', RATE_LIMIT_REQUESTS_PER_MINUTE: '4', PUBSUB_URL: REDIS_URL, PUBSUB_CHANNEL_PREFIX: uniqueChannelPrefix() };
    const a = await startTestServer({ env });
    const b = await startTestServer({ env });
    try {
      expect([(await post(a)).status, (await post(b)).status, (await post(a)).status, (await post(b)).status]).toEqual([200, 200, 200, 200]);
      expect((await post(a)).status).toBe(429);
      expect((await post(b)).status).toBe(429);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('RATE_LIMIT=off turns them off', () =>
    withServer({ RATE_LIMIT: 'off', RATE_LIMIT_REQUESTS_PER_MINUTE: '1' }, async (server) => {
      const answers = await Promise.all(Array.from({ length: 5 }, () => post(server)));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
      expect(answers[0].headers.get('ratelimit')).toBeNull();
    }));
});

describe('the key a client is counted under', () => {
  it('is the address for IPv4 (mapped into IPv6 or not), and the /64 for IPv6, where one host holds the whole network', () => {
    expect(rateKeyOf('203.0.113.7')).toBe('203.0.113.7');
    expect(rateKeyOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(rateKeyOf('2001:db8:1:2:aaaa::1')).toBe('2001:0db8:0001:0002::/64');
    expect(rateKeyOf('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:0db8:0001:0002::/64');
    expect(rateKeyOf('2001:db8::1')).toBe('2001:0db8:0000:0000::/64');
    expect(rateKeyOf('::1')).toBe('0000:0000:0000:0000::/64');
  });
});

describe('rate limits over WebSocket', () => {
  function open(server: TestServer): Promise<{ socket: WebSocket; status?: number }> {
    return new Promise((resolve) => {
      const socket = new WebSocket(server.subscriptionUrl, 'graphql-transport-ws');
      socket.once('open', () => resolve({ socket }));
      socket.once('unexpected-response', (_request, response) => resolve({ socket, status: response.statusCode }));
    });
  }

  it('refuses the upgrade with 429 past RATE_LIMIT_WS_CONNECTIONS_PER_MINUTE connections from one IP', () =>
    withServer({ RATE_LIMIT_WS_CONNECTIONS_PER_MINUTE: '2' }, async (server) => {
      const opened = [await open(server), await open(server), await open(server)];
      expect(opened.map((attempt) => attempt.status)).toEqual([undefined, undefined, 429]);
      for (const { socket, status } of opened) if (status === undefined) socket.terminate();
    }));

  it('refuses operations past RATE_LIMIT_WS_OPERATIONS_PER_MINUTE with RATE_LIMITED, and the socket carries on', () =>
    withServer({ RATE_LIMIT_WS_OPERATIONS_PER_MINUTE: '2' }, async (server) => {
      const client = connect(server.subscriptionUrl);
      try {
        const first = subscribe(client, `subscription { eventDeleted }`);
        const second = subscribe(client, `subscription { eventAdded { id } }`);
        const third = subscribe(client, `subscription { statementAdded { id } }`);
        const errors = await third.error;
        expect(errors.map((error: { extensions?: { code?: string } }) => error.extensions?.code)).toEqual(['RATE_LIMITED']);
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(server.liveSubscriptions()).toBe(2);
        first.unsubscribe();
        second.unsubscribe();
      } finally {
        await client.dispose();
      }
    }));

  it('closes with 1008 a socket that sends more than RATE_LIMIT_WS_MESSAGES_PER_MINUTE messages', () =>
    withServer({ RATE_LIMIT_WS_MESSAGES_PER_MINUTE: '20' }, async (server) => {
      const { socket } = await open(server);
      const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
      socket.send(JSON.stringify({ type: 'connection_init' }));
      for (let i = 0; i < 40; i += 1) socket.send(JSON.stringify({ type: 'ping' }));
      expect(await closed).toEqual({ code: 1008, reason: 'More than 20 messages a minute (RATE_LIMIT_WS_MESSAGES_PER_MINUTE)' });
    }));
});

describe('connections and timeouts', () => {
  function rawConnection(server: TestServer): Promise<{ socket: Socket; closed: Promise<number> }> {
    const { port } = new URL(server.url);
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const socket = createConnection({ host: '127.0.0.1', port: Number(port) });
      const closed = new Promise<number>((done) => socket.once('close', () => done(Date.now() - started)));
      socket.once('connect', () => resolve({ socket, closed }));
      socket.once('error', reject);
    });
  }

  it('lets a crowd connecting at once, while the server is busy, wait to be accepted rather than be turned away (LISTEN_BACKLOG)', async () => {
    // The kernel holds at most net.core.somaxconn connections for a server, whatever it asks for.
    const crowd = Math.min(1200, Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8')));
    /** How many of `crowd` connections from another process are established within 1 s while this process is busy for 1.5 s. */
    const establishedWhileBusy = async (server: TestServer): Promise<number> => {
      const child = spawn(
        process.execPath,
        [
          '-e',
          `const net = require('node:net');
           process.once('message', ({ port, crowd }) => {
             let established = 0;
             const sockets = [];
             for (let i = 0; i < crowd; i += 1) {
               const socket = net.connect(port, '127.0.0.1', () => (established += 1));
               socket.on('error', () => {});
               sockets.push(socket);
             }
             setTimeout(() => {
               process.send(established);
               for (const socket of sockets) socket.destroy();
               process.disconnect();
             }, 1000);
           });
           process.send('ready');`,
        ],
        { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
      );
      try {
        await new Promise((resolve) => child.once('message', resolve));
        const counted = new Promise<number>((resolve) => child.once('message', (count) => resolve(Number(count))));
        child.send({ port: Number(new URL(server.url).port), crowd });
        // Busy: nothing is accepted meanwhile, so the connections wait in the kernel's queue, as long as it is.
        const until = Date.now() + 1500;
        while (Date.now() < until);
        return await counted;
      } finally {
        child.kill();
      }
    };
    // Beyond the backlog a connection's SYN is dropped, and its client tries again only a second later.
    await withServer({ MAX_CONNECTIONS_PER_IP: '0' }, async (server) => expect(await establishedWhileBusy(server)).toBe(crowd));
    const few = await new Promise<number>((resolve, reject) =>
      withServer({ MAX_CONNECTIONS_PER_IP: '0', LISTEN_BACKLOG: '100' }, async (server) => resolve(await establishedWhileBusy(server))).catch(reject),
    );
    expect(few).toBeLessThan(Math.min(200, crowd));
  });

  it('caps the connections one IP holds open (MAX_CONNECTIONS_PER_IP), and closes idle, header-trickling and body-trickling ones on time', () =>
    withServer({ MAX_CONNECTIONS_PER_IP: '4', HEADERS_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '2000', IDLE_TIMEOUT_MS: '1500' }, async (server) => {
      const silent = await rawConnection(server);
      const headerTrickle = await rawConnection(server);
      const bodyTrickle = await rawConnection(server);
      headerTrickle.socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\n');
      const trickle = setInterval(() => {
        if (!headerTrickle.socket.destroyed) headerTrickle.socket.write('X-Slow: 1\r\n');
        if (!bodyTrickle.socket.destroyed) bodyTrickle.socket.write('a');
      }, 200);
      bodyTrickle.socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n');
      try {
        const fourth = await rawConnection(server);
        const fifth = await rawConnection(server);
        expect(await fifth.closed).toBeLessThan(500);
        fourth.socket.destroy();

        const [silentFor, headerTrickleFor, bodyTrickleFor] = await Promise.all([silent.closed, headerTrickle.closed, bodyTrickle.closed]);
        expect(silentFor).toBeLessThan(3500);
        expect(headerTrickleFor).toBeLessThan(3500);
        expect(bodyTrickleFor).toBeLessThan(4500);
        expect((await post(server)).status).toBe(200);
      } finally {
        clearInterval(trickle);
      }
    }));

  it('leaves an idle WebSocket open past IDLE_TIMEOUT_MS: the keep-alive looks after it', () =>
    withServer({ IDLE_TIMEOUT_MS: '500', WS_KEEPALIVE_MS: '60000' }, async (server) => {
      const client = connect(server.subscriptionUrl);
      try {
        const first = subscribe(client, `subscription { eventDeleted }`);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        expect(server.liveSubscriptions()).toBe(1);
        first.unsubscribe();
      } finally {
        await client.dispose();
      }
    }));
});
