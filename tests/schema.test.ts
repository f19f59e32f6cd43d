import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createFactBus } from '../src/pubsub/pubsub';
import { buildKbSchema, printSortedSchema } from '../src/app/schema';
import { PROJECT_ROOT, projectFiles } from './helpers/project';


/** `npm run check-contract [file]`, as a developer runs it. */
function checkContract(...args: string[]) {
  return spawnSync('npm', ['run', '--silent', 'check-contract', '--', ...args], { cwd: PROJECT_ROOT, encoding: 'utf8' });
}

describe('schema.graphql', () => {
  it('is the schema the code emits (run `npm run emit-schema` after changing the API)', async () => {
    const committed = readFileSync(path.join(PROJECT_ROOT, 'schema.graphql'), 'utf8');
    const { pubSub } = await createFactBus(null, pino({ level: 'silent' }));
    expect(committed).toBe(printSortedSchema(await buildKbSchema(pubSub)));
  });

  it('keeps the public contract in contract/api-contract.graphql (`npm run check-contract`)', () => {
    const check = checkContract();
    expect(check.stdout.trim()).toBe('schema.graphql keeps the contract (contract/api-contract.graphql and 1 published before it)');
    expect(check.status).toBe(0);
  });

  it('`npm run check-contract` fails, naming each breaking change, for a schema that drops or changes what the contract has', () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'kb-contract-'));
    try {
      const broken = path.join(directory, 'broken.graphql');
      const emitted = readFileSync(path.join(PROJECT_ROOT, 'schema.graphql'), 'utf8');
      writeFileSync(broken, emitted.replace(/^  isQuote: Boolean!\n/m, '').replace(/^  killed: Int$/m, '  killed: String'));
      const check = checkContract(broken);
      expect(check.status).toBe(1);
      expect(check.stdout).toMatch(/^FIELD_REMOVED: Statement\.isQuote was removed\.$/m);
      expect(check.stdout).toMatch(/^FIELD_CHANGED_KIND: CasualtyReport\.killed changed type from Int to String\.$/m);
      expect(check.stdout).toMatch(/^2 breaking changes from contract\/api-contract\.graphql to \S+broken\.graphql$/m);
      expect(check.stdout).toMatch(/^2 breaking changes from contract\/published\/2026-12-01\.graphql to \S+broken\.graphql$/m);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('`npm run check-contract` fails for a contract that lost something a published contract had: the contract only grows', () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'kb-contract-'));
    try {
      const shrunk = path.join(directory, 'api-contract.graphql');
      writeFileSync(shrunk, readFileSync(path.join(PROJECT_ROOT, 'contract', 'api-contract.graphql'), 'utf8').replace(/^  isQuote: Boolean!\n/m, ''));
      const check = checkContract(path.join(PROJECT_ROOT, 'schema.graphql'), shrunk);
      expect(check.status).toBe(1);
      expect(check.stdout).toMatch(/^FIELD_REMOVED: Statement\.isQuote was removed\.$/m);
      expect(check.stdout).toMatch(/^1 breaking change from contract\/published\/2026-12-01\.graphql to \S+api-contract\.graphql$/m);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('the repository stands on its own', () => {
  it('no file names a folder beside the checkout (a clone has nothing beside it)', () => {
    const outside = [`..${'/'}shared`, `'..', ${"'"}shared'`, `/work${'/'}`];
    const offenders = projectFiles().filter((file) => {
      if (file === 'package-lock.json' || /\.(png|ico|ttf)$/.test(file)) return false;
      const text = readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
      return outside.some((needle) => text.includes(needle));
    });
    expect(offenders).toEqual([]);
  });
});
