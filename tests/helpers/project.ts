import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** Folders that are made, not written: installs, builds, databases. */
const MADE = new Set(['.git', 'node_modules', 'dist', 'data', 'coverage']);

/** The project's own files, relative to its root: those git tracks, or in a copy without git, every file outside what is made. */
export function projectFiles(): string[] {
  const git = spawnSync('git', ['ls-files', '-z'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (git.status === 0 && git.stdout) return git.stdout.split('\0').filter(Boolean);
  return readdirSync(PROJECT_ROOT, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !path.relative(PROJECT_ROOT, entry.parentPath).split(path.sep).some((part) => MADE.has(part)))
    .map((entry) => path.relative(PROJECT_ROOT, path.join(entry.parentPath, entry.name)));
}
