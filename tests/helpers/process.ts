import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';

const MAIN = path.resolve(__dirname, '..', '..', 'src', 'main.ts');

export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/** Starts `src/main.ts` as its own process, as `npm start` would, and waits for its start-up line. */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', MAIN], { env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env } });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serves GraphQL at (http:\/\/\S+?\/graphql)/.exec(output);
      if (match) resolve({ child, url: match[1], exited });
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`server exited (${code}) before it was ready:\n${output}`)));
  });
}
