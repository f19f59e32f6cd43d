import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** A value that arrives later: resolve it from a callback, await it in the test (no sleeps). */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Waits for a state the test cannot be told about (a subscription becoming live on the server), checking it every few milliseconds. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export interface LiveSubscription<T = any> {
  /** Everything received so far, in order. */
  received: T[];
  /** The next value not yet taken by next(). */
  next(): Promise<T>;
  /** Resolves with the values received up to and including the first one that satisfies `until`. */
  collectUntil(until: (value: T) => boolean): Promise<T[]>;
  /** The first error the server sent for this subscription. */
  error: Promise<any>;
  unsubscribe(): void;
}

export function connect(url: string, connectionParams: Record<string, unknown> = {}, options: { onClosed?: (event: unknown) => void } = {}): Client {
  // Closing is part of the tests (shutdown); the default handler would log it as an error.
  return createClient({ url, webSocketImpl: WebSocket, connectionParams, lazy: false, retryAttempts: 0, onNonLazyError: () => {}, on: { closed: options.onClosed } });
}

/** Subscribes over graphql-ws and queues what arrives. */
export function subscribe<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}): LiveSubscription<T> {
  const received: T[] = [];
  const waiting: ((value: T) => void)[] = [];
  let taken = 0;
  const watchers: { until: (value: T) => boolean; resolve: (values: T[]) => void }[] = [];
  const error = deferred<any>();
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (message) => {
        if (message.errors) {
          error.resolve(message.errors);
          return;
        }
        const value = message.data as T;
        received.push(value);
        waiting.shift()?.(value);
        for (const watcher of [...watchers]) {
          if (watcher.until(value)) {
            watchers.splice(watchers.indexOf(watcher), 1);
            watcher.resolve([...received]);
          }
        }
      },
      error: (reason) => error.resolve(reason),
      complete: () => {},
    },
  );
  return {
    received,
    next: () => {
      const index = taken++;
      if (index < received.length) return Promise.resolve(received[index]);
      return new Promise<T>((resolve) => waiting.push(resolve));
    },
    collectUntil: (until) => {
      if (received.some(until)) return Promise.resolve(received.slice(0, received.findIndex(until) + 1));
      return new Promise((resolve) => watchers.push({ until, resolve }));
    },
    error: error.promise,
    unsubscribe,
  };
}
