import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hasRole } from '../src/auth/roles';
import { TokenError, TokenService } from '../src/auth/token.service';
import { dataOf, startTestServer, TestServer } from './helpers/server';
import { lastLine, runTokenCommand } from './helpers/tokens';

const TOKEN_FORMAT = /^kb_(\d+)_([A-Za-z0-9_-]{43})$/;

/** What the command says on stderr, and only there, about the database it works on. */
function usingDatabase(databaseUrl: string): string {
  return `token: using the database ${databaseUrl} (from DATABASE_URL)\n`;
}
const ALICE = 'alice@newsroom.example';

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describe('roles', () => {
  it('lets an admin do what an editor may, and not the reverse', () => {
    expect(hasRole('editor', 'editor')).toBe(true);
    expect(hasRole('admin', 'editor')).toBe(true);
    expect(hasRole('admin', 'admin')).toBe(true);
    expect(hasRole('editor', 'admin')).toBe(false);
  });
});

// One database and one running server throughout: every command below runs while the server has the file open.
describe('API tokens, managed with `npm run token`', () => {
  let directory: string;
  let databaseUrl: string;
  let server: TestServer;
  let tokens: TokenService;
  let aliceToken: string;

  beforeAll(async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'kb-tokens-'));
    databaseUrl = `sqlite:${path.join(directory, 'kb.sqlite')}`;
    server = await startTestServer({ databaseUrl });
    tokens = new TokenService(server.dataSource);
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('create prints the new token alone on its last line while the server runs, and the server accepts it', async () => {
    const result = await runTokenCommand(databaseUrl, 'create', '--role', 'editor', '--name', ALICE);
    expect(result).toMatchObject({ code: 0, stderr: usingDatabase(databaseUrl) });
    expect(result.stdout).toMatch(/shown only this once/);
    aliceToken = lastLine(result.stdout);
    expect(aliceToken).toMatch(TOKEN_FORMAT);

    expect(await tokens.authenticate(`Bearer ${aliceToken}`)).toEqual({ status: 'valid', actor: { name: ALICE, role: 'editor', displayName: 'editor' } });
    expect(dataOf(await server.gql('{ countries { totalCount } }')).countries.totalCount).toBeGreaterThan(0);
  });

  it('stores the secret only as its SHA-256, nowhere in plain text', async () => {
    const [, , secret] = TOKEN_FORMAT.exec(aliceToken)!;
    const rows = await server.dataSource.query('SELECT * FROM api_tokens');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: ALICE, role: 'editor', secretHash: sha256Hex(secret), revokedAt: null });
    // The database file and its write-ahead log, byte for byte. Read by another process: closing a
    // descriptor on the file here would drop the server's SQLite locks (POSIX locks are per process).
    const filesContaining = (text: string) => {
      const grep = spawnSync('grep', ['--recursive', '--files-with-matches', '--fixed-strings', '-e', text, directory], { encoding: 'utf8' });
      return grep.stdout.split('\n').filter(Boolean);
    };
    expect(filesContaining(sha256Hex(secret)).length).toBeGreaterThan(0);
    expect(filesContaining(secret)).toEqual([]);
  });

  it('list shows names, roles and dates, never a token nor its hash', async () => {
    const result = await runTokenCommand(databaseUrl, 'list');
    expect(result).toMatchObject({ code: 0, stderr: usingDatabase(databaseUrl) });
    const [, , secret] = TOKEN_FORMAT.exec(aliceToken)!;
    expect(result.stdout).toMatch(/NAME\s+ROLE\s+SHOWN AS\s+CREATED\s+LAST USED\s+REVOKED/);
    expect(result.stdout).toMatch(new RegExp(`${ALICE}\\s+editor\\s+editor\\s+\\d{4}-\\d\\d-\\d\\d`));
    expect(result.stdout).not.toContain(secret);
    expect(result.stdout).not.toContain(sha256Hex(secret));
  });

  it('authenticate tells anonymous requests from valid and invalid credentials', async () => {
    const [, id, secret] = TOKEN_FORMAT.exec(aliceToken)!;
    const tampered = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;

    expect(await tokens.authenticate(undefined)).toEqual({ status: 'anonymous' });
    expect(await tokens.authenticate('')).toEqual({ status: 'anonymous' });
    expect(await tokens.authenticate(`bearer ${aliceToken}`)).toMatchObject({ status: 'valid' });
    expect(await tokens.authenticate(`Bearer kb_${id}_${tampered}`)).toEqual({ status: 'invalid', reason: 'unknown' });
    expect(await tokens.authenticate(`Bearer kb_${Number(id) + 1000}_${secret}`)).toEqual({ status: 'invalid', reason: 'unknown' });
    for (const malformed of [aliceToken, 'Bearer', `Bearer ${aliceToken}x`, `Bearer kb_${id}`, `Bearer kb_0_${secret}`, `Bearer ${aliceToken} extra`]) {
      expect(await tokens.authenticate(malformed)).toEqual({ status: 'invalid', reason: 'malformed' });
    }
    for (const otherScheme of [`Basic ${Buffer.from(`${ALICE}:${aliceToken}`).toString('base64')}`, `Token ${aliceToken}`]) {
      expect(await tokens.authenticate(otherScheme)).toEqual({ status: 'invalid', reason: 'malformed' });
    }

    await tokens.usesRecorded();
    const [listed] = await tokens.list();
    expect(listed.lastUsedAt).toBeInstanceOf(Date);
  });

  it('refuses a second active token for a name, and names outside the allowed characters', async () => {
    await expect(tokens.create(ALICE, 'admin')).rejects.toThrow(new TokenError(`"${ALICE}" already has an active token; revoke it first`));
    for (const name of ['', 'has space', 'x'.repeat(101), 'semi;colon']) {
      await expect(tokens.create(name, 'editor')).rejects.toThrow(/name must be 1 to 100 letters, digits/);
    }
    expect(await tokens.list()).toHaveLength(1);
  });

  it('refuses to list or revoke in a database that does not exist (a mistyped DATABASE_URL), and says when create made a new one', async () => {
    const missing = path.join(directory, 'typo.sqlite');
    for (const args of [['list'], ['revoke', ALICE]]) {
      const refused = await runTokenCommand(`sqlite:${missing}`, ...args);
      expect(refused).toMatchObject({ code: 1, stdout: '', stderr: `${usingDatabase(`sqlite:${missing}`)}token: there is no database at ${missing}; set DATABASE_URL to the server's database\n` });
    }
    expect(existsSync(missing)).toBe(false);
    const created = await runTokenCommand(`sqlite:${missing}`, 'create', '--role', 'editor', '--name', 'first-editor');
    expect(created).toMatchObject({ code: 0, stderr: `${usingDatabase(`sqlite:${missing}`)}token: the database was new: created and seeded it\n` });
    expect(lastLine(created.stdout)).toMatch(TOKEN_FORMAT);
  });

  it('names the database it cannot open, in one line without a stack trace', async () => {
    const unreachable = 'postgres://nobody@127.0.0.1:9/kb';
    const result = await runTokenCommand(unreachable, 'list');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^token: using the database postgres:\/\/nobody@127\.0\.0\.1:9\/kb \(from DATABASE_URL\)\ntoken: cannot use the database postgres:\/\/nobody@127\.0\.0\.1:9\/kb: .+\n$/);
  });

  it('refuses an unknown role (exit 1) and bad usage (exit 2), saying why', async () => {
    const [badRole, missingRole, unknownCommand] = await Promise.all([
      runTokenCommand(databaseUrl, 'create', '--role', 'superuser', '--name', 'bob'),
      runTokenCommand(databaseUrl, 'create', '--name', 'bob'),
      runTokenCommand(databaseUrl, 'rotate', 'bob'),
    ]);
    expect(badRole).toMatchObject({ code: 1, stdout: '' });
    expect(badRole.stderr).toMatch(/^token: role must be one of editor, admin, got "superuser"$/m);
    expect(missingRole.code).toBe(2);
    expect(missingRole.stderr).toMatch(/^token: create needs --role and --name$/m);
    expect(missingRole.stderr).toMatch(/^usage: npm run token -- <command>$/m);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toMatch(/^token: unknown command "rotate"$/m);
    expect(await tokens.list()).toHaveLength(1);
  });

  it('revoke ends the active token of a name, frees the name, and fails clearly for a name with none', async () => {
    const [revoked, unknown] = await Promise.all([runTokenCommand(databaseUrl, 'revoke', ALICE), runTokenCommand(databaseUrl, 'revoke', 'nobody')]);
    expect(revoked).toMatchObject({ code: 0, stderr: usingDatabase(databaseUrl) });
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toMatch(/^token: no active token is named "nobody"$/m);

    expect(await tokens.authenticate(`Bearer ${aliceToken}`)).toEqual({ status: 'invalid', reason: 'revoked' });
    await expect(tokens.revoke(ALICE)).rejects.toThrow(TokenError);

    const reissued = await tokens.create(ALICE, 'admin');
    expect(await tokens.authenticate(`Bearer ${reissued.token}`)).toEqual({ status: 'valid', actor: { name: ALICE, role: 'admin', displayName: 'admin' } });
    expect(await tokens.authenticate(`Bearer ${aliceToken}`)).toEqual({ status: 'invalid', reason: 'revoked' });
    expect((await tokens.list()).map((token) => ({ name: token.name, role: token.role, active: token.revokedAt === null }))).toEqual([
      { name: ALICE, role: 'editor', active: false },
      { name: ALICE, role: 'admin', active: true },
    ]);
  });
  it('--display-name is what the public sees of the changes made with the token; editors and admins see its name', async () => {
    const result = await runTokenCommand(databaseUrl, 'create', '--role', 'editor', '--name', 'desk@newsroom.example', '--display-name', 'Newsroom desk');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/the public sees its changes as made by "Newsroom desk"/);
    const desk = `Bearer ${lastLine(result.stdout)}`;
    const created = dataOf(await server.gql(`mutation { createCountry(input: { name: "Shown as the desk" }) { id } }`, {}, { authorization: desk })).createCountry;
    const actorSeenWith = async (headers: Record<string, string>) =>
      dataOf(await server.gql(`query($id: ID!) { node(id: $id) { ... on Country { revisions { nodes { actor } } } } }`, { id: created.id }, headers)).node.revisions.nodes[0].actor;
    expect(await actorSeenWith({})).toBe('Newsroom desk');
    expect(await actorSeenWith({ authorization: desk })).toBe('desk@newsroom.example');
    const refused = await runTokenCommand(databaseUrl, 'create', '--role', 'editor', '--name', 'odd', '--display-name', '<script>');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/token: display name must be 1 to 80 letters/);
  });
});
