import { createTestDatabase, TestDatabase } from './helpers/database';
import { dataOf, startTestServer } from './helpers/server';
import { issueToken } from './helpers/tokens';

// PostgreSQL only (the jest project `postgres`): several instances on one database.
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('several instances on one PostgreSQL database', () => {
  it('start together on an empty database: one migrates and seeds, the others find it done', async () => {
    const servers = await Promise.all([1, 2, 3].map(() => startTestServer({ databaseUrl: database.url })));
    try {
      const counts = await Promise.all(servers.map(async (server) => dataOf(await server.gql(`{ events { totalCount } sources { totalCount } }`))));
      expect(new Set(counts.map((count) => JSON.stringify(count))).size).toBe(1);
      expect(counts[0].sources.totalCount).toBe(48);
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
  });

  it('write one at a time: a source deleted on one instance cannot be cited on another at the same moment', async () => {
    const [a, b] = await Promise.all([1, 2].map(() => startTestServer({ databaseUrl: database.url })));
    const editor = await issueToken(a, 'pg-editor');
    try {
      for (let round = 0; round < 10; round += 1) {
        const source = dataOf(await a.gql(`mutation($t: String!) { createSource(input: { title: $t }) { id } }`, { t: `Race ${round}` }, editor)).createSource;
        const [deleted, cited] = await Promise.all([
          a.gql(`mutation($id: ID!) { deleteSource(id: $id) }`, { id: source.id }, editor),
          b.gql(`mutation($s: [ID!]) { createEvent(input: { title: "Cites a source", date: "2025-01-01", type: OTHER, sourceIds: $s }) { id } }`, { s: [source.id] }, editor),
        ]);
        // Either the delete came first (the event is refused) or the event did (the delete is refused): never both.
        expect(Boolean(deleted.errors) !== Boolean(cited.errors)).toBe(true);
      }
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
