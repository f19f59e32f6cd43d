import { ChildProcessWithoutNullStreams, spawn, SpawnOptionsWithoutStdio } from 'node:child_process';
import path from 'node:path';

const MAIN = path.resolve(__dirname, '..', '..', 'src', 'main.ts');

export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  /** Everything the process wrote so far, stdout and stderr. */
  output(): string;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<number | NodeJS.Signals | null>;
}

const SERVES = /serves GraphQL at (http:\/\/\S+?\/graphql)/;

/**
 * Runs a command that starts the server (`npm run serve`, `node dist/src/main.js`, ...) and waits for its start-up
 * line. `detached` puts it in a process group of its own, so that a test can tell that nothing it started is left.
 */
export function spawnServer(command: string, args: string[], options: SpawnOptionsWithoutStdio = {}): Promise<ServerProcess> {
  const child = spawn(command, args, { ...options, env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...options.env } });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = SERVES.exec(output);
      if (match) resolve({ child, url: match[1], output: () => output, exited });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`server exited (${code}) before it was ready:\n${output}`)));
  });
}

/** Starts `src/main.ts` as its own process, as `npm start` would, and waits for its start-up line. */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  return spawnServer(process.execPath, ['-r', 'ts-node/register/transpile-only', MAIN], { env });
}

/** True while any process of the group `groupId` (a detached child's pid) is alive. */
export function processGroupAlive(groupId: number): boolean {
  try {
    process.kill(-groupId, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}
