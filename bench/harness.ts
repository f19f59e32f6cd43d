import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/** What the benchmarks share: fresh databases, the built server in a process of its own, and the results file. */

const PROJECT_ROOT = path.resolve(__dirname, '..');
const POSTGRES = process.env.KB_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

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

async function untilAnswering(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    if (await fetch(url).then((response) => response.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${url} did not answer within 60 s`);
}

/** The built server (`node dist/src/main.js`) in its own process, rate limits off and only warnings logged. */
export async function serverProcess(databaseUrl: string, env: Record<string, string> = {}) {
  const port = await freePort();
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, RATE_LIMIT: 'off', LOG_LEVEL: 'warn', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await untilAnswering(`http://127.0.0.1:${port}/healthz`, child);
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    /** From spawning the process to its first answer (it listens once its database is migrated and seeded). */
    startedInMs: Math.round(performance.now() - spawnedAt),
    /** The most memory the process has held (VmHWM): its peak resident set. */
    peakRssMb: () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024,
    stop: () => (child.exitCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()).kill('SIGTERM'))),
  };
}

interface Database {
  url: string;
  drop(): Promise<void>;
}

export async function freshDatabase(engine: 'sqlite' | 'postgres', name: string): Promise<Database> {
  if (engine === 'sqlite') {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'kb-bench-'));
    return { url: `sqlite:${path.join(directory, 'kb.sqlite')}`, drop: async () => rmSync(directory, { recursive: true, force: true }) };
  }
  const database = `kb_bench_${name}`;
  const admin = new Client({ connectionString: `${POSTGRES}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  return {
    url: `${POSTGRES}/${database}`,
    drop: async () => {
      const client = new Client({ connectionString: `${POSTGRES}/postgres` });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Writes the results beside the machine they were measured on, for the README to quote. */
export function writeResults(results: unknown): string {
  const directory = path.join(PROJECT_ROOT, 'bench', 'results');
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, 'latest.json');
  writeFileSync(file, `${JSON.stringify({ measuredAt: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version }, results }, null, 2)}\n`);
  return file;
}

