import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL server the `postgres` test project creates its databases on. */
const POSTGRES_ADMIN_URL = process.env.KB_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Which engine this test run uses: the jest project `postgres` sets KB_TEST_ENGINE. */
export function testEngine(): 'sqlite' | 'postgres' {
  return process.env.KB_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
}

export interface TestDatabase {
  /** A DATABASE_URL, for the server and for the token command alike. */
  url: string;
  drop(): Promise<void>;
}

async function onAdminConnection(statement: string): Promise<void> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new, empty database of this run's engine that several processes can share: an SQLite file, or a PostgreSQL database. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testEngine() === 'sqlite') {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'kb-test-'));
    return { url: `sqlite:${path.join(directory, 'kb.sqlite')}`, drop: async () => rmSync(directory, { recursive: true, force: true }) };
  }
  const name = `kb_test_${randomBytes(6).toString('hex')}`;
  await onAdminConnection(`CREATE DATABASE "${name}"`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onAdminConnection(`DROP DATABASE "${name}" WITH (FORCE)`) };
}

/** A Redis channel prefix of its own, so that test files running at once do not hear each other. */
export function uniqueChannelPrefix(): string {
  return `kb-test-${randomBytes(4).toString('hex')}:`;
}
