import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { TokenService } from '../src/auth/token.service';
import { loadConfig } from '../src/app/config';
import { createDataSource } from '../src/app/data-source';
import { prepareDatabase } from '../src/app/prepare';
import { startServer } from '../src/app/server';

/** A real server on a free port over a fresh SQLite file, with an editor token, for a benchmark run. */
export async function startBenchServer(env: Record<string, string> = {}, logger?: TypeOrmLogger) {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'kb-bench-'));
  const config = loadConfig({ PORT: '0', DATABASE_URL: `sqlite:${path.join(directory, 'kb.sqlite')}`, MAX_SUBSCRIPTIONS_PER_CONNECTION: '10', ...env });
  const dataSource = createDataSource(config.database, { logger });
  await prepareDatabase(dataSource);
  const { token } = await new TokenService(dataSource).create('bench', 'editor');
  const server = await startServer({ config, dataSource, logger: pino({ level: 'silent' }) });
  return {
    server,
    dataSource,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    stop: async () => {
      await server.stop();
      await dataSource.destroy();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export async function post(url: string, headers: Record<string, string>, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}
