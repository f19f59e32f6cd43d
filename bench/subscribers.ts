import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * A process of subscribers for the live benchmark, told what to do by its parent over IPC: open `count` graphql-ws
 * subscriptions (or, for the fan-out ceiling, plain WebSockets), note when each message arrives, and report.
 */
interface Start {
  mode: 'graphql-ws' | 'raw';
  url: string;
  count: number;
  query: string;
}

const now = () => performance.timeOrigin + performance.now();
const arrivals: number[] = [];
let firstPayload: unknown = null;
let failures = 0;
const closers: (() => void)[] = [];

/** Notes an arrival; tells the parent once every subscriber has had its message. */
function arrived(count: number): void {
  arrivals.push(now());
  if (arrivals.length === count) process.send!({ type: 'arrived' });
}

function start({ mode, url, count, query }: Start): void {
  // A process given no subscribers (fewer of them than processes) has nothing to wait for.
  if (count === 0) {
    process.send!({ type: 'opened' });
    process.send!({ type: 'arrived' });
    return;
  }
  let opened = 0;
  const opening = () => {
    opened += 1;
    if (opened === count) process.send!({ type: 'opened' });
  };
  for (let index = 0; index < count; index += 1) {
    if (mode === 'raw') {
      const socket = new WebSocket(url);
      socket.on('open', opening);
      socket.on('message', () => arrived(count));
      socket.on('error', () => (failures += 1));
      closers.push(() => socket.terminate());
      continue;
    }
    const client = createClient({ url, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, onNonLazyError: () => (failures += 1), on: { connected: opening } });
    client.subscribe(
      { query },
      {
        next: (message) => {
          firstPayload ??= message;
          arrived(count);
        },
        error: () => (failures += 1),
        complete: () => {},
      },
    );
    closers.push(() => void client.dispose());
  }
}

process.on('message', (message: { type: string } & Partial<Start>) => {
  if (message.type === 'start') start(message as Start);
  if (message.type === 'report') process.send!({ type: 'report', arrivals, failures, firstPayload });
  if (message.type === 'stop') {
    for (const close of closers) close();
    setTimeout(() => process.exit(0), 200);
  }
});
