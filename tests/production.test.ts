/**
 * The two ways the README runs the server, on a copy of the project as a newcomer and an operator have it: `npm start`
 * (builds, then serves), and the production path (build once, keep only the production dependencies, `npm run serve`).
 * A signal to what the README says to run drains the server and exits 0, nothing it started is left running, and a
 * write acknowledged before it is there on the next start.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processGroupAlive, ServerProcess, spawnServer } from './helpers/process';
import { PROJECT_ROOT, projectFiles } from './helpers/project';
import { dataOf, postGraphQL } from './helpers/server';
import { bearer, lastLine } from './helpers/tokens';

let directory: string;
let app: string;
let databaseUrl: string;

/** Runs an npm command in the copy and returns its output; fails the test when it fails. */
function npm(args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync('npm', args, { cwd: app, env: { ...process.env, DATABASE_URL: databaseUrl, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/**
 * Sends `signal` to what the README says to run (to its whole process group, as a terminal's Ctrl-C does, when `group`)
 * and waits for it to end; then, whatever is still running of what it started is reported as left behind, and killed
 * so that the run goes on.
 */
async function stop(server: ServerProcess, signal: NodeJS.Signals, { group = false } = {}): Promise<{ exit: number | NodeJS.Signals | null; leftRunning: boolean }> {
  if (group) process.kill(-server.child.pid!, signal);
  else server.child.kill(signal);
  const exit = await server.exited;
  for (let waited = 0; processGroupAlive(server.child.pid!) && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  const leftRunning = processGroupAlive(server.child.pid!);
  if (leftRunning) process.kill(-server.child.pid!, 'SIGKILL');
  return { exit, leftRunning };
}

async function createEvent(url: string, token: string, title: string): Promise<string> {
  const created = dataOf(await postGraphQL(url, `mutation($title: String!) { createEvent(input: { title: $title, date: "2025-05-01", type: OTHER }) { id } }`, { title }, bearer(token)));
  return created.createEvent.id;
}

async function titleOf(url: string, id: string): Promise<string | undefined> {
  return dataOf(await postGraphQL(url, `query($id: ID!) { node(id: $id) { ... on Event { title } } }`, { id })).node?.title;
}

beforeAll(() => {
  directory = mkdtempSync(path.join(os.tmpdir(), 'kb-production-'));
  app = path.join(directory, 'kb-graphql');
  databaseUrl = `sqlite:${path.join(directory, 'kb.sqlite')}`;
  // The project's files, and the dependencies `npm ci` installs from the lockfile: hard links to this checkout's where
  // the two folders share a filesystem, a copy where they do not, so that the copy costs no download. npm rewrites its
  // record of what is installed, so that one file is always a real copy.
  for (const file of projectFiles()) {
    mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
    copyFileSync(path.join(PROJECT_ROOT, file), path.join(app, file));
  }
  const modules = path.join(PROJECT_ROOT, 'node_modules');
  if (spawnSync('cp', ['-al', modules, path.join(app, 'node_modules')]).status !== 0) {
    rmSync(path.join(app, 'node_modules'), { recursive: true, force: true });
    cpSync(modules, path.join(app, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  }
  const installed = path.join(app, 'node_modules', '.package-lock.json');
  rmSync(installed);
  copyFileSync(path.join(modules, '.package-lock.json'), installed);
  // The GraphiQL bundle takes a while to build and is checked elsewhere; the build finds it current and keeps it.
  const bundle = path.join(PROJECT_ROOT, 'dist', 'graphiql');
  if (existsSync(bundle)) cpSync(bundle, path.join(app, 'dist', 'graphiql'), { recursive: true });
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('running the server as the README says', () => {
  let firstId: string;
  let token: string;

  it('`npm start` builds and serves; Ctrl-C (SIGINT to its process group) drains it, exits 0 and leaves nothing running', async () => {
    const server = await spawnServer('npm', ['start'], { cwd: app, detached: true, env: { DATABASE_URL: databaseUrl } });
    try {
      expect(server.output()).toMatch(/created the database sqlite:\S+kb\.sqlite: seeded 48 sources, 9 countries, .*, 2 casualty reports"/);
      expect(server.output()).toMatch(/GraphiQL at http:\/\/localhost:\d+\/graphiql/);
      token = lastLine(npm(['run', '--silent', 'token', '--', 'create', '--role', 'editor', '--name', 'operator']));
      firstId = await createEvent(server.url, token, 'Written under npm start');
    } finally {
      expect(await stop(server, 'SIGINT', { group: true })).toEqual({ exit: 0, leftRunning: false });
    }
    expect(server.output()).toMatch(/"msg":"stopped"/);
  }, 120_000);

  it('the production path: `npm prune --omit=dev`, then `npm run serve`; SIGTERM drains it, exits 0, and what was written survives', async () => {
    npm(['prune', '--omit=dev', '--no-audit', '--no-fund']);
    for (const devOnly of ['jest', 'esbuild', 'graphiql', 'playwright-core']) expect(existsSync(path.join(app, 'node_modules', devOnly))).toBe(false);

    const production = { DATABASE_URL: databaseUrl, NODE_ENV: 'production' };
    const server = await spawnServer('npm', ['run', 'serve'], { cwd: app, detached: true, env: production });
    let secondId: string;
    try {
      expect(server.output()).toMatch(/reusing the database sqlite:\S+kb\.sqlite: schema up to date, nothing new to seed/);
      expect(await titleOf(server.url, firstId)).toBe('Written under npm start');
      const graphiql = await fetch(new URL('/graphiql', server.url));
      expect(graphiql.status).toBe(200);
      expect(await graphiql.text()).toContain('<div id="graphiql"');
      secondId = await createEvent(server.url, token, 'Written under npm run serve');
    } finally {
      expect(await stop(server, 'SIGTERM')).toEqual({ exit: 0, leftRunning: false });
    }

    const again = await spawnServer(process.execPath, ['dist/src/main.js'], { cwd: app, detached: true, env: production });
    try {
      expect(await titleOf(again.url, secondId)).toBe('Written under npm run serve');
      expect(await titleOf(again.url, firstId)).toBe('Written under npm start');
    } finally {
      expect(await stop(again, 'SIGTERM')).toEqual({ exit: 0, leftRunning: false });
    }
  }, 120_000);
});
