import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/app/config';
import { createDataSource } from '../src/app/data-source';
import { prepareDatabase } from '../src/app/prepare';
import { TokenService } from '../src/auth/token.service';
import { freshDatabase, serverProcess } from './harness';
import { printTable, summarize } from './stats';

const SUBSCRIPTION = `subscription { eventAdded { id title date claimStatus countries { name } officials { name } sources { title publisher } location { name } } }`;
/** Processes the subscribers are spread over: none of them shares the server's. */
const PROCESSES = 4;
const now = () => performance.timeOrigin + performance.now();

interface Report {
  arrivals: number[];
  failures: number;
  firstPayload: unknown;
}

/** PROCESSES child processes holding `total` subscribers between them. */
function subscriberProcesses(total: number) {
  const children: ChildProcess[] = Array.from({ length: PROCESSES }, () => fork(path.join(__dirname, 'subscribers.ts'), [], { execArgv: ['-r', 'ts-node/register/transpile-only'] }));
  const each = (index: number) => Math.floor(total / PROCESSES) + (index < total % PROCESSES ? 1 : 0);
  /** Until every child has said `type`, or `timeoutMs` have passed (what arrived by then is what is reported). */
  const allSay = (type: string, timeoutMs: number) => {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      Promise.all(children.map((child) => new Promise<void>((resolve) => child.on('message', (message: { type: string }) => message.type === type && resolve())))),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]).finally(() => clearTimeout(timer));
  };
  return {
    start(mode: 'graphql-ws' | 'raw', url: string) {
      const opened = allSay('opened', 120_000);
      children.forEach((child, index) => child.send({ type: 'start', mode, url, count: each(index), query: SUBSCRIPTION }));
      return opened;
    },
    arrived: (timeoutMs: number) => allSay('arrived', timeoutMs),
    async reports(): Promise<Report> {
      const reports = await Promise.all(
        children.map(
          (child) =>
            new Promise<Report>((resolve) => {
              child.on('message', (message: { type: string } & Report) => message.type === 'report' && resolve(message));
              child.send({ type: 'report' });
            }),
        ),
      );
      return { arrivals: reports.flatMap((report) => report.arrivals), failures: reports.reduce((sum, report) => sum + report.failures, 0), firstPayload: reports.find((report) => report.firstPayload)?.firstPayload ?? null };
    },
    stop: () => Promise.all(children.map((child) => new Promise<void>((resolve) => child.once('exit', () => resolve()).send({ type: 'stop' })))),
  };
}

/** Until every subscription is live, or none more has become live for STALL_MS (the ones left failed to connect). */
async function untilLive(healthUrl: string, subscribers: number): Promise<number> {
  const STALL_MS = 5000;
  const deadline = Date.now() + 120_000;
  let live = 0;
  let grewAt = Date.now();
  while (Date.now() < deadline && Date.now() - grewAt < STALL_MS) {
    const now = ((await (await fetch(healthUrl)).json()) as { liveSubscriptions: number }).liveSubscriptions;
    if (now > live) grewAt = Date.now();
    live = now;
    if (live >= subscribers) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return live;
}

function delivery(report: Report, sentAt: number, subscribers: number) {
  const stats = summarize(report.arrivals.map((arrival) => arrival - sentAt));
  return { delivered: stats.count, failures: report.failures, p50: Math.round(stats.p50), p99: Math.round(stats.p99), max: Math.round(stats.max), missing: subscribers - stats.count };
}

/** Our server: `subscribers` graphql-ws subscriptions in other processes, one createEvent, and when each was told. */
async function ours(subscribers: number) {
  const database = await freshDatabase('sqlite', 'live');
  const dataSource = createDataSource(loadConfig({ DATABASE_URL: database.url }).database);
  await prepareDatabase(dataSource);
  const { token } = await new TokenService(dataSource).create('bench', 'editor');
  await dataSource.destroy();
  const server = await serverProcess(database.url, { MAX_CONNECTIONS: '20000', MAX_CONNECTIONS_PER_IP: '0' });
  const clients = subscriberProcesses(subscribers);
  try {
    await clients.start('graphql-ws', server.url.replace('http:', 'ws:'));
    const live = await untilLive(server.url.replace('/graphql', '/healthz'), subscribers);
    // Listened for before the mutation is sent: the fan-out may be over before its answer arrives.
    const arrived = clients.arrived(30_000);
    const sentAt = now();
    const answer = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `mutation { createEvent(input: { title: "Benchmark event", date: "2025-07-01", type: OTHER }) { id } }` }),
    });
    if (!answer.ok) throw new Error(`the mutation failed: ${await answer.text()}`);
    await arrived;
    const report = await clients.reports();
    return { live, ...delivery(report, sentAt, subscribers), bytes: JSON.stringify({ id: '00000000-0000-0000-0000-000000000000', type: 'next', payload: report.firstPayload }), peakRssMb: Math.round(server.peakRssMb()) };
  } finally {
    await clients.stop();
    await server.stop();
    await database.drop();
  }
}

/** The fan-out ceiling: a bare `ws` server in another process sending the same bytes to as many sockets. */
async function ceiling(subscribers: number, bytes: string) {
  const server = fork(path.join(__dirname, 'fanout-ceiling.ts'), [], { execArgv: ['-r', 'ts-node/register/transpile-only'] });
  const port = await new Promise<number>((resolve) => server.on('message', (message: { type: string; port: number }) => message.type === 'listening' && resolve(message.port)));
  const clients = subscriberProcesses(subscribers);
  try {
    await clients.start('raw', `ws://127.0.0.1:${port}`);
    const arrived = clients.arrived(30_000);
    const sentAt = now();
    server.send({ type: 'send', bytes });
    await arrived;
    return delivery(await clients.reports(), sentAt, subscribers);
  } finally {
    await clients.stop();
    await new Promise<void>((resolve) => server.once('exit', () => resolve()).send({ type: 'stop' }));
  }
}

export interface LiveResult {
  subscribers: number;
  live: number;
  delivered: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  ceilingDelivered: number;
  ceilingP99Ms: number;
  ceilingMaxMs: number;
  vsCeiling: number;
  peakRssMb: number;
}

/** The live fan-out: 1,000 and 10,000 subscribers by default (`--subscribers 1000,10000`), beside the ceiling. */
export async function benchLive(argv: string[] = process.argv.slice(2)): Promise<LiveResult[]> {
  const { values } = parseArgs({ args: argv, options: { subscribers: { type: 'string', default: '1000,10000' } }, strict: false });
  const results: LiveResult[] = [];
  for (const subscribers of String(values.subscribers).split(',').map(Number)) {
    const measured = await ours(subscribers);
    const bare = await ceiling(subscribers, measured.bytes);
    results.push({
      subscribers,
      live: measured.live,
      delivered: measured.delivered,
      p50Ms: measured.p50,
      p99Ms: measured.p99,
      maxMs: measured.max,
      ceilingDelivered: bare.delivered,
      ceilingP99Ms: bare.p99,
      ceilingMaxMs: bare.max,
      vsCeiling: Number((measured.max / bare.max).toFixed(2)),
      peakRssMb: measured.peakRssMb,
    });
  }
  printTable(
    `Live fan-out: graphql-ws subscribers in ${PROCESSES} other processes, one createEvent; the ceiling is a bare ws server sending the same bytes (ms from the send)`,
    results.map((row) => ({
      subscribers: row.subscribers,
      live: row.live,
      delivered: row.delivered,
      'p50 ms': row.p50Ms,
      'p99 ms': row.p99Ms,
      'all by ms': row.maxMs,
      'ceiling delivered': row.ceilingDelivered,
      'ceiling p99': row.ceilingP99Ms,
      'ceiling all by': row.ceilingMaxMs,
      'time vs ceiling': row.vsCeiling,
      'peak RSS MB': row.peakRssMb,
    })),
  );
  return results;
}

if (require.main === module) {
  benchLive().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
