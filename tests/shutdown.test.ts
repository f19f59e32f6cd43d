/**
 * SIGTERM while clients are writing: the server stops accepting, answers every request it accepted, closes its
 * WebSockets with 1001, exits 0, and no write is committed without its client having been told.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServerProcess } from './helpers/process';
import { dataOf, postGraphQL, startTestServer } from './helpers/server';
import { issueToken } from './helpers/tokens';
import { connect, deferred } from './helpers/ws';

let directory: string;
let databaseUrl: string;
let token: Record<string, string>;

beforeAll(async () => {
  directory = mkdtempSync(path.join(os.tmpdir(), 'kb-shutdown-'));
  databaseUrl = `sqlite:${path.join(directory, 'kb.sqlite')}`;
  const setup = await startTestServer({ databaseUrl });
  token = await issueToken(setup, 'shutdown-editor');
  await setup.stop();
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('graceful shutdown', () => {
  it('answers every write it accepted before SIGTERM, commits none it did not answer, closes WebSockets with 1001 and exits 0', async () => {
    const server = await startServerProcess({ DATABASE_URL: databaseUrl, RATE_LIMIT: 'off', NODE_ENV: 'production' });
    const closed = deferred<number>();
    const client = connect(server.url.replace('http', 'ws'), {}, { onClosed: (event) => closed.resolve((event as { code: number }).code) });
    client.subscribe({ query: 'subscription { eventDeleted }' }, { next: () => {}, error: () => {}, complete: () => {} });

    const answered = new Set<string>();
    const underWay = deferred<void>();
    const failed: string[] = [];
    // Each client writes on until the server stops answering it.
    const writer = async (clientNumber: number) => {
      for (let i = 0; i < 2000; i += 1) {
        const title = `Shutdown ${clientNumber}-${i}`;
        try {
          const response = await postGraphQL(server.url, `mutation($title: String!) { createEvent(input: { title: $title, date: "2025-08-01", type: OTHER }) { id } }`, { title }, token);
          if (response.data?.createEvent) {
            answered.add(title);
            if (answered.size === 20) underWay.resolve();
          }
          else failed.push(`${title}: ${JSON.stringify(response.errors)}`);
        } catch {
          failed.push(`${title}: no answer`);
          return;
        }
      }
    };
    const writers = Array.from({ length: 10 }, (_, clientNumber) => writer(clientNumber));
    // The signal comes once writes are flowing, however fast this machine is.
    await underWay.promise;
    server.child.kill('SIGTERM');
    await Promise.all(writers);
    expect(await server.exited).toBe(0);
    expect(await closed.promise).toBe(1001);

    const after = await startTestServer({ databaseUrl });
    try {
      const rows: { title: string }[] = await after.dataSource.query(`SELECT "title" FROM "events" WHERE "title" LIKE 'Shutdown %'`);
      const committed = new Set(rows.map((row) => row.title));
      // Every answered write is there, and nothing is there that its client was not told about.
      expect([...answered].filter((title) => !committed.has(title))).toEqual([]);
      expect([...committed].filter((title) => !answered.has(title))).toEqual([]);
      expect(dataOf(await after.gql(`{ events(filter: { search: "Shutdown" }) { totalCount } }`)).events.totalCount).toBe(committed.size);
    } finally {
      await after.stop();
      await client.dispose();
    }
  }, 60_000);
});
