import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What the bundle build leaves for the server: the page's entry files, by name inside ASSETS_DIR. */
export interface BundleManifest {
  /** Hash of everything the bundle is built from; the build is skipped while it is unchanged. */
  inputsHash: string;
  script: string;
  stylesheet: string;
}

function findProjectRoot(from: string): string {
  for (let directory = from; ; directory = path.dirname(directory)) {
    if (existsSync(path.join(directory, 'package.json'))) return directory;
    if (directory === path.dirname(directory)) throw new Error(`no package.json above ${from}`);
  }
}

// Found by walking up, because this module runs both from src/ (ts-node, jest) and from dist/src/ (npm start).
export const PROJECT_ROOT = findProjectRoot(__dirname);
export const BUNDLE_DIR = path.join(PROJECT_ROOT, 'dist', 'graphiql');
export const ASSETS_DIR = path.join(BUNDLE_DIR, 'assets');
export const MANIFEST_FILE = path.join(BUNDLE_DIR, 'manifest.json');

/** The manifest of a complete bundle, or null when it has not been built (or only partly). */
export function readBundleManifest(): BundleManifest | null {
  if (!existsSync(MANIFEST_FILE)) return null;
  const manifest = JSON.parse(readFileSync(MANIFEST_FILE, 'utf8')) as BundleManifest;
  const complete = [manifest.script, manifest.stylesheet].every((file) => existsSync(path.join(ASSETS_DIR, file)));
  return complete ? manifest : null;
}
