/**
 * The house as docs/ARCHITECTURE.md draws it: folders import one way, the generic rooms know no kind, and the
 * kinds import only the kinds before them. Read from the imports of src/, as text, so a new arrow shows here first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './helpers/project';

const SRC = path.join(PROJECT_ROOT, 'src');
/** The kinds' folders in their one-way order, the registry's: each may import only those before it. */
const KIND_ORDER = [...readFileSync(path.join(SRC, 'app', 'kinds.ts'), 'utf8').matchAll(/^export const KINDS[^=]*= \[([^\]]+)\]/gm)]
  .flatMap(([, list]) => list.split(',').map((name) => name.trim()))
  .map((name) => readFileSync(path.join(SRC, 'app', 'kinds.ts'), 'utf8').match(new RegExp(`import \\{ ${name} \\} from '\\.\\./(\\w+)/`))![1]);
const GENERIC = ['relay', 'facts', 'db', 'values', 'errors', 'search', 'revisions', 'pubsub', 'seed', 'limits', 'http', 'observability', 'auth', 'idempotency', 'graphiql', 'response-cache'];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'page' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Folder → the folders of src/ its files import (relative imports only). */
function folderImports(): Map<string, Set<string>> {
  const imports = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const from = path.relative(SRC, file).split(path.sep)[0];
    if (!from.includes('.')) imports.set(from, imports.get(from) ?? new Set());
    for (const [, target] of readFileSync(file, 'utf8').matchAll(/(?:from|import) '(\.[^']+)'/g)) {
      const relative = path.relative(SRC, path.resolve(path.dirname(file), target)).split(path.sep);
      if (relative[0] === '..' || relative.length < 2 || relative[0] === from || from.includes('.')) continue;
      imports.get(from)!.add(relative[0]);
    }
  }
  return imports;
}

const imports = folderImports();

describe('the house', () => {
  it('has no two folders that import each other, directly or around a circle', () => {
    const reaches = (start: string, goal: string, seen = new Set<string>()): boolean =>
      [...(imports.get(start) ?? [])].some((next) => next === goal || (!seen.has(next) && (seen.add(next), reaches(next, goal, seen))));
    const circles = [...imports.keys()].filter((folder) => reaches(folder, folder));
    expect(circles).toEqual([]);
  });

  it.each(GENERIC)('keeps %s/ free of the kinds: none of their folders is imported', (room) => {
    expect([...(imports.get(room) ?? [])].filter((folder) => KIND_ORDER.includes(folder))).toEqual([]);
  });

  it.each(KIND_ORDER.map((kind, index) => [kind, KIND_ORDER.slice(index + 1)] as const))('lets %s/ import no kind after it', (kind, later) => {
    expect([...(imports.get(kind) ?? [])].filter((folder) => later.includes(folder) || folder === 'app' || folder === 'seed')).toEqual([]);
  });

  it('has a folder of its own for every kind the registry lists', () => {
    expect(KIND_ORDER.length).toBeGreaterThan(0);
    expect(new Set(KIND_ORDER).size).toBe(KIND_ORDER.length);
    expect(KIND_ORDER.filter((kind) => !imports.has(kind))).toEqual([]);
  });

  it('has migrations that import nothing of the code they outlive', () => {
    const migrations = path.join(PROJECT_ROOT, 'migrations');
    const live = readdirSync(migrations).filter((file) => /from '\.\.?\//.test(readFileSync(path.join(migrations, file), 'utf8')));
    expect(live).toEqual([]);
  });
});
