import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, describeDatabase, loadConfig } from '../src/app/config';
import { prepareDatabase } from '../src/app/prepare';
import { createDataSource, MIGRATIONS } from '../src/app/data-source';
import { casualtyReportKind } from '../src/casualties/casualty-report.kind';
import { countryKind } from '../src/countries/country.kind';
import { eventKind } from '../src/events/event.kind';
import { officialKind } from '../src/officials/official.kind';
import { organizationKind } from '../src/organizations/organization.kind';
import { sourceKind } from '../src/sources/source.kind';
import { statementKind } from '../src/statements/statement.kind';
import { dataOf, startTestServer } from './helpers/server';

const COUNTS = `{
  sources { totalCount } countries { totalCount } organizations { totalCount } officials { totalCount }
  events { totalCount } statements { totalCount } casualties { totalCount }
}`;

describe('first start and restart on an SQLite file', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'kb-startup-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('creates, migrates and seeds the database on first start, and reuses it without duplicates', async () => {
    const databaseUrl = `sqlite:${path.join(directory, 'nested', 'kb.sqlite')}`;
    const first = await startTestServer({ databaseUrl });
    const seeded = dataOf(await first.gql(COUNTS));
    await first.stop();

    expect(seeded).toEqual({
      sources: { totalCount: sourceKind.seed.entries.length },
      countries: { totalCount: countryKind.seed.entries.length },
      organizations: { totalCount: organizationKind.seed.entries.length },
      officials: { totalCount: officialKind.seed.entries.length },
      events: { totalCount: eventKind.seed.entries.length },
      statements: { totalCount: statementKind.seed.entries.length },
      casualties: { totalCount: casualtyReportKind.seed.entries.length },
    });

    const second = await startTestServer({ databaseUrl });
    try {
      expect(dataOf(await second.gql(COUNTS))).toEqual(seeded);
      const [{ count }] = await second.dataSource.query('SELECT COUNT(*) AS count FROM event_sources');
      expect(count).toBe(eventKind.seed.entries.reduce((sum, event) => sum + event.sources.length, 0));
      const migrations = await second.dataSource.query('SELECT name FROM migrations');
      expect(migrations).toHaveLength(MIGRATIONS.length);
    } finally {
      await second.stop();
    }
  });
});

describe('configuration', () => {
  it('defaults to port 4000 and data/kb.sqlite', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.database).toEqual({ type: 'sqlite', database: path.resolve('data/kb.sqlite') });
    expect(config.corsOrigins).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://localhost/kb' }, /DATABASE_URL/],
    [{ DATABASE_URL: 'sqlite:' }, /DATABASE_URL/],
    [{ CORS_ORIGINS: 'not a url' }, /CORS_ORIGINS/],
    [{ CORS_ORIGINS: 'https://app.example.org/path' }, /CORS_ORIGINS/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('accepts a PostgreSQL URL, and never logs its password', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://kb:secret@db.internal:5432/kb' });
    expect(config.database).toEqual({ type: 'postgres', url: 'postgres://kb:secret@db.internal:5432/kb' });
    expect(describeDatabase(config.database)).toBe('postgres://kb:***@db.internal:5432/kb');
    expect(() => loadConfig({ DATABASE_URL: 'postgres://' })).toThrow(/DATABASE_URL/);
  });

  it('accepts a list of CORS origins', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example.org, http://localhost:3000' }).corsOrigins).toEqual(['https://a.example.org', 'http://localhost:3000']);
  });

  it('the server refuses to start with a bad value, says why, and exits non-zero', async () => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.resolve(__dirname, '../src/main.ts')], {
      env: { ...process.env, PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/configuration error: PORT must be an integer/);
  });
});

describe('start-up failures an operator can fix', () => {
  function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.resolve(__dirname, '../src/main.ts')], {
      env: { ...process.env, DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
  }

  it('says in one line that the port is taken and which setting to change', async () => {
    const taken = await startTestServer();
    try {
      const { port } = new URL(taken.url);
      const { code, stderr } = await start({ PORT: port });
      expect(code).toBe(1);
      expect(stderr).toBe(`kb-graphql: cannot start: port ${port} is in use by another program: stop it, or set PORT to a free port (PORT=0 picks one)\n`);
    } finally {
      await taken.stop();
    }
  });

  it('says in one line that Redis cannot be reached and names PUBSUB_URL', async () => {
    const { code, stderr } = await start({ PORT: '0', PUBSUB_URL: 'redis://127.0.0.1:9' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^kb-graphql: cannot start: Redis at PUBSUB_URL \(redis:\/\/127\.0\.0\.1:9\) cannot be reached \(.*\); start it, correct PUBSUB_URL, or leave PUBSUB_URL out to run one instance without Redis\n$/);
  });
});

describe('HTTP', () => {
  it('answers CORS preflights from other origins and health checks', async () => {
    const server = await startTestServer({ env: { CORS_ORIGINS: 'https://newsroom.example.org' } });
    try {
      const preflight = await fetch(server.url, {
        method: 'OPTIONS',
        headers: { origin: 'https://newsroom.example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://newsroom.example.org');
      const actual = await fetch(server.url, { method: 'POST', headers: { origin: 'https://newsroom.example.org', 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      expect(actual.headers.get('access-control-expose-headers')).toBe('Retry-After,RateLimit,RateLimit-Policy,X-Request-Id,Idempotent-Replayed');
      const other = await fetch(server.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const notJson = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
      expect(notJson.status).toBe(400);
      expect(await notJson.json()).toEqual({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
      const tooLarge = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ events { totalCount } }`, padding: 'x'.repeat(1_100_000) }) });
      expect(tooLarge.status).toBe(413);
      expect(((await tooLarge.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('BAD_REQUEST');
      const health = await fetch(new URL('/healthz', server.url));
      expect(await health.json()).toEqual({ status: 'ok', liveSubscriptions: 0 });
    } finally {
      await server.stop();
    }
  });

  it('sends a browser that opens / to GraphiQL, tells other clients where the endpoints are, and answers unknown paths with a JSON 404', async () => {
    const server = await startTestServer();
    try {
      const root = new URL('/', server.url);
      const browser = await fetch(root, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }, redirect: 'manual' });
      expect(browser.status).toBe(302);
      expect(browser.headers.get('location')).toBe('/graphiql');
      const client = await fetch(root);
      expect(client.status).toBe(200);
      expect(await client.json()).toEqual({ graphql: '/graphql', graphiql: '/graphiql', health: '/healthz' });
      for (const [method, where] of [['GET', '/nothing-here'], ['POST', '/graphql/extra'], ['DELETE', '/']]) {
        const missing = await fetch(new URL(where, server.url), { method });
        expect({ method, where, status: missing.status, type: missing.headers.get('content-type') }).toEqual({ method, where, status: 404, type: 'application/json; charset=utf-8' });
        expect(await missing.json()).toEqual({ errors: [{ message: 'Nothing is served at this path; GraphQL is at /graphql', extensions: { code: 'NOT_FOUND' } }] });
      }
    } finally {
      await server.stop();
    }
  });
});

describe('a seed entry that refers to a deleted fact', () => {
  it('is left out, with the entries that refer to it in turn, and the start goes on', async () => {
    const dataSource = createDataSource(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).database);
    try {
      await prepareDatabase(dataSource);
      // An editor deleted South Korea; the official who refers to it, and his statements, are new in the seed files.
      await dataSource.query(`UPDATE countries SET "deletedAt" = CURRENT_TIMESTAMP WHERE "seedKey" = 'south-korea'`);
      await dataSource.query(`UPDATE statements SET "seedKey" = NULL WHERE "seedKey" LIKE 'wi-sun-lak-%'`);
      await dataSource.query(`UPDATE officials SET "seedKey" = NULL WHERE "seedKey" = 'wi-sun-lak'`);
      const { seeded } = await prepareDatabase(dataSource);
      expect(seeded.skipped).toEqual([
        'seed officials "wi-sun-lak": it refers to the Country "south-korea", which is deleted or left out',
        'seed statements "wi-sun-lak-participation-beneficial": it refers to the Official "wi-sun-lak", which is deleted or left out',
        'seed statements "wi-sun-lak-russia-pays-compensation": it refers to the Official "wi-sun-lak", which is deleted or left out',
      ]);
      expect(Object.values(seeded.added).every((count) => count === 0)).toBe(true);
    } finally {
      await dataSource.destroy();
    }
  });
});
