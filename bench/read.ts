import 'reflect-metadata';
import autocannon from 'autocannon';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import pino from 'pino';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { loadConfig } from '../src/app/config';
import { createDataSource } from '../src/app/data-source';
import { prepareDatabase } from '../src/app/prepare';
import { startServer } from '../src/app/server';
import { freshDatabase, serverProcess, writeResults } from './harness';
import { printTable } from './stats';
import { growKnowledgeBase } from './synthetic';

const CONNECTIONS = 32;
const CEILING_SECONDS = 1;
/**
 * One client for this long after the load, for the latency of the operation itself: under 32 clients a CPU-bound
 * process's p99 is its queue (a bare node:http server spending 8 ms per request on 25 kB answers has a p99 of 2.5 s).
 */
const ALONE_SECONDS = 1;

/** The selection a timeline renders (the nested timeline of the issue that set the targets). */
const TIMELINE = 'totalCount nodes { id title date type claimStatus countries { id name } officials { id name } sources { id title publisher } }';

interface Operation {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Sent as an anonymous GET, the request the response cache answers; every other operation is a POST, never cached. */
  get?: boolean;
}

/** The HTTP request that sends `operation` to `url`. */
function requestOf(url: string, operation: Operation) {
  if (operation.get) {
    const search = new URLSearchParams({ query: operation.query, ...(operation.variables ? { variables: JSON.stringify(operation.variables) } : {}) });
    return { url: `${url}?${search}`, method: 'GET' as const, headers: {} as Record<string, string> };
  }
  return { url, method: 'POST' as const, headers: { 'content-type': 'application/json' } as Record<string, string>, body: JSON.stringify({ query: operation.query, variables: operation.variables ?? {} }) };
}

function send(url: string, operation: Operation): Promise<string> {
  const { url: target, ...init } = requestOf(url, operation);
  return fetch(target, init).then((response) => response.text());
}

/** The operations measured, with the IDs and cursors of the database at hand. */
async function operations(url: string): Promise<Operation[]> {
  const data = async (query: string) => ((await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json()) as { data: any }).data;
  const { countries } = await data(`{ countries(filter: { search: "Russia" }) { nodes { id } } }`);
  const { events } = await data(`{ events(last: 51, orderBy: { field: DATE, direction: DESC }) { edges { cursor } } }`);
  const { search } = await data(`{ search(query: "Kursk", first: 1) { nodes { ... on Event { id } } } }`);
  const eventId = search.nodes[0]?.id ?? (await data(`{ events(first: 1) { nodes { id } } }`)).events.nodes[0].id;
  return [
    { name: '{ __typename }', query: '{ __typename }' },
    { name: 'nested timeline', query: `{ events(first: 50, orderBy: { field: DATE, direction: DESC }) { ${TIMELINE} } }` },
    {
      name: 'timeline, country and dates',
      query: `query($c: [ID!]) { events(first: 50, orderBy: { field: DATE, direction: DESC }, filter: { countryIds: $c, from: "2023-01-01", to: "2024-12-31" }) { ${TIMELINE} } }`,
      variables: { c: [countries.nodes[0].id] },
    },
    {
      // The same page without its total: what the page costs apart from counting every event that matches.
      name: 'the same without totalCount',
      query: `query($c: [ID!]) { events(first: 50, orderBy: { field: DATE, direction: DESC }, filter: { countryIds: $c, from: "2023-01-01", to: "2024-12-31" }) { ${TIMELINE.replace('totalCount ', '')} } }`,
      variables: { c: [countries.nodes[0].id] },
    },
    { name: 'timeline, deep page', query: `query($after: String) { events(first: 50, after: $after, orderBy: { field: DATE, direction: DESC }) { ${TIMELINE} } }`, variables: { after: events.edges[0].cursor } },
    {
      name: 'node(id) with relations',
      query: `query($id: ID!) { node(id: $id) { ... on Event { id title date countries { id name } officials { id name } sources { id title } statements { id text } figures { subject best } } } }`,
      variables: { id: eventId },
    },
    { name: 'nested timeline, cached (GET)', query: `{ events(first: 50, orderBy: { field: DATE, direction: DESC }) { ${TIMELINE} } }`, get: true },
    { name: 'search "Kursk"', query: `{ search(query: "Kursk", first: 20) { totalCount nodes { __typename ... on Event { id title date } ... on Source { id title } ... on Statement { id text } } } }` },
  ];
}

/** The ceiling: a bare node:http server in a thread of its own, answering every request with the very bytes given. */
async function ceiling(body: string): Promise<{ url: string; stop: () => Promise<number> }> {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const body = Buffer.from(workerData.body);
     const server = require('node:http').createServer((request, response) => {
       request.resume();
       request.on('end', () => response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length }).end(body));
     });
     server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));`,
    { eval: true, workerData: { body } },
  );
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  return { url: `http://127.0.0.1:${port}/graphql`, stop: () => worker.terminate() };
}

async function run(url: string, operation: Operation, connections: number, seconds: number) {
  const result = await autocannon({ ...requestOf(url, operation), connections, duration: seconds });
  if (result.errors > 0 || result.non2xx > 0) throw new Error(`${operation.name} at ${url}: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/** Requests/s and latency of our server under CONNECTIONS clients, after a warm-up. */
async function load(url: string, operation: Operation, seconds: number) {
  await run(url, operation, CONNECTIONS, 1);
  return run(url, operation, CONNECTIONS, seconds);
}

/** SQL statements one request of each operation runs, counted on a server in this process over the same database. */
async function statementsPerRequest(databaseUrl: string, operationsOf: (url: string) => Promise<Operation[]>): Promise<number[]> {
  let count = 0;
  const counter: TypeOrmLogger = { logQuery: () => void (count += 1), logQueryError() {}, logQuerySlow() {}, logSchemaBuild() {}, logMigration() {}, log() {} };
  const config = loadConfig({ PORT: '0', DATABASE_URL: databaseUrl, RATE_LIMIT: 'off' });
  const dataSource = createDataSource(config.database, { logger: counter });
  await dataSource.initialize();
  const server = await startServer({ config, dataSource, logger: pino({ level: 'silent' }) });
  try {
    const counts: number[] = [];
    for (const operation of await operationsOf(server.url)) {
      await send(server.url, operation);
      count = 0;
      await send(server.url, operation);
      counts.push(count);
    }
    return counts;
  } finally {
    await server.stop();
    await dataSource.destroy();
  }
}

export interface ReadResult {
  engine: string;
  events: number;
  operation: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Latency with one client: what the operation costs, with no queue in front of it. */
  aloneP50Ms: number | null;
  aloneP99Ms: number | null;
  sqlStatements: number;
  responseBytes: number;
  vsTypename: number;
  ceilingRequestsPerSecond: number;
  vsCeiling: number;
  peakRssMb: number;
}

/** One engine at one size: a fresh database grown to `events`, the built server in its own process, every operation. */
async function measure(engine: 'sqlite' | 'postgres', events: number, seconds: number): Promise<ReadResult[]> {
  const database = await freshDatabase(engine, String(events));
  try {
    const dataSource = createDataSource(loadConfig({ DATABASE_URL: database.url }).database);
    await prepareDatabase(dataSource);
    await growKnowledgeBase(dataSource, events);
    await dataSource.destroy();
    const statements = await statementsPerRequest(database.url, operations);
    const server = await serverProcess(database.url);
    try {
      const measured = [];
      for (const operation of await operations(server.url)) {
        const answer = await send(server.url, operation);
        if (!answer.includes('"data"') || answer.includes('"errors"')) throw new Error(`${operation.name}: ${answer.slice(0, 300)}`);
        const ours = await load(server.url, operation, seconds);
        // The first requests after the load wait for what it left behind (one took 300 to 450 ms on PostgreSQL): not counted.
        await autocannon({ ...requestOf(server.url, operation), connections: 1, amount: 10 });
        const alone = await run(server.url, operation, 1, ALONE_SECONDS);
        const bare = await ceiling(answer);
        // The bare server needs no warm-up, and its rate hardly varies: a shorter run measures it as well.
        const reference = await run(bare.url, operation, CONNECTIONS, CEILING_SECONDS);
        await bare.stop();
        measured.push({ operation, ours, alone, reference, bytes: Buffer.byteLength(answer) });
      }
      const typename = measured[0].ours.requestsPerSecond;
      const peakRssMb = server.peakRssMb();
      return measured.map(({ operation, ours, alone, reference, bytes }, index) => ({
        engine,
        events,
        operation: operation.name,
        requestsPerSecond: Math.round(ours.requestsPerSecond),
        p50Ms: ours.p50,
        p99Ms: ours.p99,
        aloneP50Ms: alone.requestsPerSecond ? alone.p50 : null,
        aloneP99Ms: alone.requestsPerSecond ? alone.p99 : null,
        sqlStatements: statements[index],
        responseBytes: bytes,
        vsTypename: Number((ours.requestsPerSecond / typename).toFixed(3)),
        ceilingRequestsPerSecond: Math.round(reference.requestsPerSecond),
        vsCeiling: Number((ours.requestsPerSecond / reference.requestsPerSecond).toFixed(3)),
        peakRssMb: Math.round(peakRssMb),
      }));
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop();
  }
}

/**
 * The read benchmark: for each engine and size, requests/s, p50/p99 and SQL statements per request of each
 * operation under load from this process (autocannon, 32 connections, after a warm-up), as ratios to the same
 * server's `{ __typename }` and to the ceiling, a bare node:http server sending the same bytes.
 */
export async function benchRead(argv: string[] = process.argv.slice(2)): Promise<ReadResult[]> {
  const { values } = parseArgs({
    args: argv,
    options: { engines: { type: 'string', default: 'sqlite,postgres' }, scales: { type: 'string', default: '1000,10000,100000' }, huge: { type: 'boolean', default: false }, seconds: { type: 'string', default: '3' } },
    strict: false,
  });
  const engines = String(values.engines).split(',') as ('sqlite' | 'postgres')[];
  const scales = [...String(values.scales).split(',').map(Number), ...(values.huge ? [1_000_000] : [])];
  const results: ReadResult[] = [];
  for (const engine of engines) {
    for (const events of scales) {
      const started = Date.now();
      const rows = await measure(engine, events, Number(values.seconds));
      results.push(...rows);
      printTable(
        `${engine}, ${events} events: ${CONNECTIONS} connections, peak RSS ${rows[0].peakRssMb} MB (${Math.round((Date.now() - started) / 1000)} s)`,
        rows.map((row) => ({
          operation: row.operation,
          // A run in which no request was answered has no latency to show: each took longer than the run.
          'req/s': row.requestsPerSecond || `none in ${values.seconds} s`,
          'p50 ms': row.requestsPerSecond ? row.p50Ms : '-',
          'p99 ms': row.requestsPerSecond ? row.p99Ms : '-',
          'alone p50': row.aloneP50Ms ?? `none in ${ALONE_SECONDS} s`,
          'alone p99': row.aloneP99Ms ?? '-',
          'SQL/req': row.sqlStatements,
          'vs __typename': row.vsTypename,
          'vs ceiling': row.vsCeiling,
          'ceiling req/s': row.ceilingRequestsPerSecond,
        })),
      );
    }
  }
  return results;
}

if (require.main === module) {
  benchRead()
    .then((results) => console.log(`\nwrote ${writeResults({ read: results })}`))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
