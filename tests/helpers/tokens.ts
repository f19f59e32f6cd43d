import { spawn } from 'node:child_process';
import type { DataSource } from 'typeorm';
import { TokenService } from '../../src/auth/token.service';
import path from 'node:path';

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

/** Issues a token with the real command and returns it (the last line of its output). */
export async function createToken(databaseUrl: string, role: 'editor' | 'admin', name: string): Promise<string> {
  const result = await runTokenCommand(databaseUrl, 'create', '--role', role, '--name', name);
  if (result.code !== 0) throw new Error(`token create failed: ${result.stderr}`);
  return lastLine(result.stdout);
}

/** An Authorization header for a new token of the server's own database, issued by the token service (no process spawned). */
export async function issueToken(server: { dataSource: DataSource }, name: string, role: 'editor' | 'admin' = 'editor'): Promise<Record<string, string>> {
  return bearer((await new TokenService(server.dataSource).create(name, role)).token);
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
