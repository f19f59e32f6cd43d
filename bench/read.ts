import { startBenchServer, post } from './harness';
import { printTable, summarize } from './stats';

const ROWS = Number(process.env.BENCH_EVENTS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);

async function time(requests: number, run: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let index = 0; index < requests; index += 1) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

/**
 * Read latency over HTTP on a knowledge base grown to BENCH_EVENTS events: the first page, a page
 * near the end (keyset cursors cost the same anywhere), a filtered timeline, nested fields, search.
 */
export async function benchRead(): Promise<void> {
  const bench = await startBenchServer();
  const { server, dataSource } = bench;
  try {
    await dataSource.query(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO events ("title", "summary", "date", "datePrecision", "type", "claimStatus")
       SELECT 'Generated event ' || i, 'A generated summary for load ' || (i % 97), date('2020-01-01', '+' || (i % 2000) || ' days'), 'DAY', 'OTHER', 'REPORTED' FROM n`,
      [ROWS],
    );
    const [{ total }] = await dataSource.query('SELECT COUNT(*) AS total FROM events');
    const late = await post(server.url, bench.headers, `{ events(last: 21) { edges { cursor } } }`);
    const deepCursor = late.events.edges[0].cursor;
    const cases: [string, string, Record<string, unknown>][] = [
      ['events(first: 20), first page', `{ events(first: 20) { nodes { id title date } } }`, {}],
      [`events(first: 20) after row ${total - 21}`, `query($after: String) { events(first: 20, after: $after) { nodes { id title date } } }`, { after: deepCursor }],
      ['timeline: November 2024, with totalCount', `{ events(filter: { from: "2024-11-01", to: "2024-11-30" }, first: 50) { totalCount nodes { title } } }`, {}],
      ['events(first: 50) with nested lists', `{ events(first: 50, filter: { to: "2025-12-31" }) { nodes { countries { name } officials { name } sources { title } statements { text } } } }`, {}],
      ['search "North Korean soldiers"', `{ search(query: "North Korean soldiers", first: 20) { nodes { __typename } } }`, {}],
    ];
    const rows = [];
    for (const [name, query, variables] of cases) {
      const stats = await time(REQUESTS, () => post(server.url, bench.headers, query, variables));
      rows.push({ query: name, requests: stats.count, 'p50 ms': stats.p50, 'p99 ms': stats.p99, 'max ms': stats.max });
    }
    printTable(`Reads over HTTP, ${total} events in SQLite, one request at a time`, rows);
  } finally {
    await bench.stop();
  }
}

if (require.main === module) {
  benchRead().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
