import { parseArgs } from 'node:util';
import { freshDatabase, serverProcess } from './harness';
import { printTable } from './stats';

export interface StartupResult {
  engine: string;
  /** From spawning the built server on a new, empty database to its first answer, with the seed in. */
  startedInMs: number;
  seededEvents: number;
}

/** Start-up on a new database: the built server creates, migrates and seeds it, then answers. */
export async function benchStartup(argv: string[] = process.argv.slice(2)): Promise<StartupResult[]> {
  const { values } = parseArgs({ args: argv, options: { engines: { type: 'string', default: 'sqlite,postgres' } }, strict: false });
  const results: StartupResult[] = [];
  for (const engine of String(values.engines).split(',') as ('sqlite' | 'postgres')[]) {
    const database = await freshDatabase(engine, 'startup');
    try {
      const server = await serverProcess(database.url);
      try {
        const answer = (await (await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ events { totalCount } }' }) })).json()) as { data: { events: { totalCount: number } } };
        results.push({ engine, startedInMs: server.startedInMs, seededEvents: answer.data.events.totalCount });
      } finally {
        await server.stop();
      }
    } finally {
      await database.drop();
    }
  }
  printTable('Start-up on a new database (created, migrated and seeded), from spawning `node dist/src/main.js` to its first answer', results.map((row) => ({ engine: row.engine, 'serving after ms': row.startedInMs, 'events seeded': row.seededEvents })));
  return results;
}
