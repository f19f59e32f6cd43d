/**
 * Writes a client can retry: a mutation sent again with the same Idempotency-Key gets the first answer and writes
 * nothing more, whatever happened to the first answer on its way back.
 */
import { createTestDatabase, TestDatabase } from './helpers/database';
import { dataOf, errorCodes, startTestServer, TestServer } from './helpers/server';
import { issueToken } from './helpers/tokens';

let database: TestDatabase;
let server: TestServer;
let editor: Record<string, string>;
let other: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer({ databaseUrl: database.url });
  editor = await issueToken(server, 'retrying-editor');
  other = await issueToken(server, 'other-editor');
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

const CREATE = 'mutation($name: String!) { createCountry(input: { name: $name }) { id name } }';

async function send(name: string, key: string | null, headers = editor) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers, ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify({ query: CREATE, variables: { name } }),
  });
  return { status: response.status, replayed: response.headers.get('idempotent-replayed'), body: (await response.json()) as { data?: { createCountry: { id: string } }; errors?: { extensions: { code: string } }[] } };
}

async function countNamed(name: string): Promise<number> {
  return dataOf(await server.gql(`query($name: String) { countries(filter: { search: $name }) { totalCount } }`, { name })).countries.totalCount;
}

describe('Idempotency-Key', () => {
  it('answers a repeat with the first answer, marked Idempotent-Replayed, and writes once', async () => {
    const first = await send('Retried Land', 'key-1');
    const again = await send('Retried Land', 'key-1');
    expect(first.status).toBe(200);
    expect(again).toEqual({ status: 200, replayed: 'true', body: first.body });
    expect(await countNamed('Retried Land')).toBe(1);
    expect(dataOf(await server.gql(`{ changes(since: "2000-01-01T00:00:00Z", first: 100) { totalCount } }`)).changes.totalCount).toBeGreaterThan(0);
  });

  it('refuses the key with another request (IDEMPOTENCY_KEY_REUSED, 422), and keeps keys apart per token', async () => {
    await send('Keyed Once', 'key-2');
    const reused = await send('Something Else', 'key-2');
    expect(reused.status).toBe(422);
    expect(reused.body.errors!.map((error) => error.extensions.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(await countNamed('Something Else')).toBe(0);
    const otherToken = await send('Keyed Once', 'key-2', other);
    expect(otherToken.replayed).toBeNull();
    expect(await countNamed('Keyed Once')).toBe(2);
  });

  it('lets only one of two requests sent at once with the same key write', async () => {
    const answers = await Promise.all([send('Raced Land', 'key-3'), send('Raced Land', 'key-3'), send('Raced Land', 'key-3')]);
    expect(await countNamed('Raced Land')).toBe(1);
    const ids = new Set(answers.filter((answer) => answer.body.data).map((answer) => answer.body.data!.createCountry.id));
    expect(ids.size).toBe(1);
    for (const answer of answers.filter((answer) => !answer.body.data)) expect(answer.body.errors!.map((error) => error.extensions.code)).toEqual(['IDEMPOTENCY_KEY_IN_USE']);
  });

  it('refuses a repeat whose first answer was lost after its write committed (IDEMPOTENCY_KEY_IN_USE, 409), and writes nothing', async () => {
    await send('Lost Answer Land', 'key-4');
    // As after a crash between the commit and the answer: the key is recorded, the answer is not.
    await server.dataSource.query(`UPDATE "idempotency_keys" SET "response" = NULL, "status" = NULL WHERE "key" = 'key-4'`);
    const again = await send('Lost Answer Land', 'key-4');
    expect(again.status).toBe(409);
    expect(again.body.errors!.map((error) => error.extensions.code)).toEqual(['IDEMPOTENCY_KEY_IN_USE']);
    expect(await countNamed('Lost Answer Land')).toBe(1);
  });

  it('records nothing for a request that wrote nothing, so that the corrected request can use the key', async () => {
    const refused = await send('   ', 'key-5');
    expect(refused.body.errors!.map((error) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
    const corrected = await send('Corrected Land', 'key-5');
    expect(corrected.status).toBe(200);
    expect(corrected.replayed).toBeNull();
    const badKey = await send('x', 'k'.repeat(256));
    expect(badKey.status).toBe(400);
    expect(errorCodes({ status: badKey.status, ...badKey.body } as never)).toEqual(['BAD_REQUEST']);
  });
});
