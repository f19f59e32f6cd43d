import { spawn } from 'node:child_process';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { Role } from '../../src/auth/roles';
import { TokenService } from '../../src/auth/token.service';
import { loadConfig } from '../../src/app/config';
import { createDataSource } from '../../src/app/data-source';
import { prepareDatabase } from '../../src/app/prepare';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run token -- ...args` exactly as an operator would, against the given database. */
export function runTokenCommand(databaseUrl: string, ...args: string[]): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'token', '--', ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1) ?? '';
}

/** An Authorization header for a new token of the server's own database, issued by the token service (no process spawned). */
export async function issueToken(server: { dataSource: DataSource }, name: string, role: Role = 'editor'): Promise<Record<string, string>> {
  return bearer((await new TokenService(server.dataSource).create(name, role)).token);
}

/**
 * An Authorization header for a new token of the database at `databaseUrl`, for a server in another process or one not
 * started yet: the token service on a connection of its own, closed again (no process spawned). Like the token command,
 * it prepares the database first, so that a new one is created and seeded.
 */
export async function issueTokenFor(databaseUrl: string, name: string, role: Role = 'editor'): Promise<Record<string, string>> {
  const dataSource = createDataSource(loadConfig({ DATABASE_URL: databaseUrl }).database);
  try {
    await prepareDatabase(dataSource);
    return await issueToken({ dataSource }, name, role);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
