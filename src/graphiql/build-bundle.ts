/**
 * Builds the self-hosted GraphiQL page into dist/graphiql/ (run by `npm run build:graphiql`, which `build`, `prepare`
 * and `pretest` call). Skips the work while nothing it is built from has changed, so that `npm start` stays fast.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { ASSETS_DIR, BUNDLE_DIR, type BundleManifest, MANIFEST_FILE, PROJECT_ROOT, readBundleManifest } from './bundle';

const PAGE_DIR = path.join(__dirname, 'page');

// Monaco runs each language service in a web worker of its own.
const MONACO_WORKERS = {
  editor: require.resolve('monaco-editor/esm/vs/editor/editor.worker.js'),
  json: require.resolve('monaco-editor/esm/vs/language/json/json.worker.js'),
  graphql: require.resolve('monaco-graphql/esm/graphql.worker.js'),
};
type WorkerLabel = keyof typeof MONACO_WORKERS;

const COMMON_OPTIONS: BuildOptions = {
  absWorkingDir: PROJECT_ROOT,
  bundle: true,
  minify: true,
  platform: 'browser',
  target: 'es2022',
  outdir: ASSETS_DIR,
  // Content hashes in every name let the server cache the assets forever; all in one folder so that relative URLs hold.
  entryNames: '[name]-[hash]',
  chunkNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  define: { 'process.env.NODE_ENV': '"production"' },
  metafile: true,
  logLevel: 'warning',
};

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function hashInputs(): string {
  const inputs = [...filesUnder(PAGE_DIR), __filename, path.join(__dirname, 'bundle.ts'), path.join(PROJECT_ROOT, 'package-lock.json')].sort();
  const hash = createHash('sha256');
  for (const file of inputs) hash.update(path.relative(PROJECT_ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

function typeCheckPage(): void {
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(PAGE_DIR, 'tsconfig.json')], { stdio: 'inherit' });
  if (tsc.status !== 0) throw new Error('the GraphiQL page does not type-check');
}

/** The file name, inside ASSETS_DIR, of the output that esbuild made from an entry point. */
function outputOf(metafile: Metafile, entryPoint: string): Metafile['outputs'][string] & { file: string } {
  const relativeEntry = path.relative(PROJECT_ROOT, entryPoint);
  const found = Object.entries(metafile.outputs).find(([, output]) => output.entryPoint === relativeEntry);
  if (!found) throw new Error(`esbuild made no output for ${relativeEntry}`);
  return { ...found[1], file: path.relative(ASSETS_DIR, path.resolve(PROJECT_ROOT, found[0])) };
}

async function buildWorker(label: WorkerLabel): Promise<[WorkerLabel, string]> {
  const entryPoint = MONACO_WORKERS[label];
  const { metafile } = await build({ ...COMMON_OPTIONS, entryPoints: { [`${label}.worker`]: entryPoint }, format: 'iife' });
  return [label, outputOf(metafile!, entryPoint).file];
}

async function buildPage(workerFiles: Record<WorkerLabel, string>): Promise<Pick<BundleManifest, 'script' | 'stylesheet'>> {
  const entryPoint = path.join(PAGE_DIR, 'main.tsx');
  const { metafile } = await build({
    ...COMMON_OPTIONS,
    entryPoints: { graphiql: entryPoint },
    format: 'esm',
    // Code that only some actions need (prettier for the prettify button) loads when first used.
    splitting: true,
    tsconfig: path.join(PAGE_DIR, 'tsconfig.json'),
    loader: { '.ttf': 'file' },
    define: { ...COMMON_OPTIONS.define, MONACO_WORKER_FILES: JSON.stringify(workerFiles) },
  });
  const output = outputOf(metafile!, entryPoint);
  if (!output.cssBundle) throw new Error('the GraphiQL page has no stylesheet');
  return { script: output.file, stylesheet: path.relative(ASSETS_DIR, path.resolve(PROJECT_ROOT, output.cssBundle)) };
}

async function main(): Promise<void> {
  const inputsHash = hashInputs();
  if (readBundleManifest()?.inputsHash === inputsHash) {
    console.log('GraphiQL bundle is up to date.');
    return;
  }
  const started = Date.now();
  typeCheckPage();
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
  const workerFiles = Object.fromEntries(await Promise.all((Object.keys(MONACO_WORKERS) as WorkerLabel[]).map(buildWorker))) as Record<WorkerLabel, string>;
  const manifest: BundleManifest = { inputsHash, ...(await buildPage(workerFiles)) };
  // Written last: a manifest means a complete bundle.
  writeFileSync(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`GraphiQL bundle built into ${path.relative(PROJECT_ROOT, BUNDLE_DIR)}/ in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

main().catch((error) => {
  console.error('GraphiQL bundle build failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
