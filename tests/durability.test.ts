import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServerProcess } from './helpers/process';
import { dataOf, postGraphQL, startTestServer } from './helpers/server';
import { issueTokenFor } from './helpers/tokens';

let directory: string;
let databaseUrl: string;
let token: Record<string, string>;

beforeAll(async () => {
  directory = mkdtempSync(path.join(os.tmpdir(), 'kb-durability-'));
  databaseUrl = `sqlite:${path.join(directory, 'kb.sqlite')}`;
  // No server runs yet: issuing the token creates and seeds the database that the server processes then open.
  token = await issueTokenFor(databaseUrl, 'durable-editor');
}, 60_000);

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('durability', () => {
  it('keeps a write that returned success when the process is killed with SIGKILL right after', async () => {
    const first = await startServerProcess({ DATABASE_URL: databaseUrl });
    const created = dataOf(await postGraphQL(first.url, `mutation { createEvent(input: { title: "Written before the crash", date: "2025-04-01", type: OTHER }) { id } }`, {}, token)).createEvent;
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    const second = await startServerProcess({ DATABASE_URL: databaseUrl });
    const check = await startTestServer({ databaseUrl });
    try {
      expect(await check.dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(await check.dataSource.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
      expect(await check.dataSource.query('PRAGMA synchronous')).toEqual([{ synchronous: 2 }]);
    } finally {
      await check.stop();
    }
    try {
      const read = dataOf(await postGraphQL(second.url, `query($id: ID!) { node(id: $id) { ... on Event { title revisions { totalCount } } } }`, { id: created.id }));
      expect(read.node).toEqual({ title: 'Written before the crash', revisions: { totalCount: 1 } });
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
  }, 60_000);

  it("never lets the seed overwrite or bring back an editor's change on restart", async () => {
    const first = await startTestServer({ databaseUrl });
    const events = dataOf(await first.gql(`{ events(filter: { types: [CAPTURE] }) { nodes { id title } } statements(first: 1) { nodes { id } } }`));
    const capture = events.events.nodes[0];
    dataOf(await first.gql(`mutation($id: ID!) { updateEvent(id: $id, input: { title: "Corrected by an editor" }) { id } }`, { id: capture.id }, token));
    dataOf(await first.gql(`mutation($id: ID!) { deleteStatement(id: $id) }`, { id: events.statements.nodes[0].id }, token));
    const countsBefore = dataOf(await first.gql(`{ events { totalCount } statements { totalCount } }`));
    await first.stop();

    const second = await startTestServer({ databaseUrl });
    try {
      const after = dataOf(await second.gql(`query($id: ID!) { node(id: $id) { ... on Event { title } } events { totalCount } statements { totalCount } }`, { id: capture.id }));
      expect(after.node.title).toBe('Corrected by an editor');
      expect({ events: after.events, statements: after.statements }).toEqual(countsBefore);
    } finally {
      await second.stop();
    }
  });
});
