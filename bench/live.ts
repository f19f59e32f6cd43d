import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startBenchServer, post } from './harness';
import { printTable, summarize } from './stats';

const SUBSCRIPTION = `subscription { eventAdded { id title date claimStatus countries { name } officials { name } sources { title publisher } location { name } } }`;

class StatementCounter {
  count = 0;
  logQuery() {
    this.count += 1;
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

/**
 * N graphql-ws subscribers (BENCH_SUBSCRIBERS, 1,000 by default; up to 10,000) on one server,
 * one mutation, and how long each subscriber waited for the event after the mutation was sent.
 */
export async function benchLive(subscribers = Number(process.env.BENCH_SUBSCRIBERS ?? 1000)): Promise<void> {
  if (!Number.isInteger(subscribers) || subscribers < 1 || subscribers > 10_000) throw new Error('BENCH_SUBSCRIBERS must be 1 to 10000');
  const statements = new StatementCounter();
  const bench = await startBenchServer({}, statements);
  const { server } = bench;
  const received: number[] = [];
  let mutationSentAt = 0;
  let allReceived!: () => void;
  const done = new Promise<void>((resolve) => (allReceived = resolve));
  const clients = Array.from({ length: subscribers }, () => createClient({ url: server.subscriptionUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false }));
  try {
    for (const client of clients) {
      client.subscribe(
        { query: SUBSCRIPTION },
        {
          next: () => {
            received.push(performance.now() - mutationSentAt);
            if (received.length === subscribers) allReceived();
          },
          error: (error) => console.error('subscription error', error),
          complete: () => {},
        },
      );
    }
    const subscribedBy = Date.now() + 120_000;
    while (server.liveSubscriptions() < subscribers) {
      if (Date.now() > subscribedBy) throw new Error(`only ${server.liveSubscriptions()} of ${subscribers} subscriptions became live`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    statements.count = 0;
    mutationSentAt = performance.now();
    await post(server.url, bench.headers, `mutation { createEvent(input: { title: "Benchmark event", date: "2025-07-01", type: OTHER }) { id } }`);
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 30_000));
    await Promise.race([done, timeout]);
    const stats = summarize(received);
    printTable(`Live fan-out: ${subscribers} graphql-ws subscribers, one createEvent (latency from sending the mutation, ms)`, [
      { subscribers, delivered: stats.count, 'p50 ms': stats.p50, 'p99 ms': stats.p99, 'max ms': stats.max, 'SQL statements': statements.count },
    ]);
  } finally {
    await Promise.all(clients.map((client) => client.dispose()));
    await bench.stop();
  }
}

if (require.main === module) {
  benchLive().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
