import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What an HTTP request or WebSocket operation did, filled in as it goes, for the access log and the metrics. */
export interface OperationRecord {
  operationType?: string;
  operationName?: string;
  /** The first top-level field: a name from the schema, so that it can label a metric. */
  rootField?: string;
  cost?: number;
  errorCodes: string[];
}

export function newOperationRecord(): OperationRecord {
  return { errorCodes: [] };
}

/** The outcome of an operation as a metric label: `ok`, or the code of its first error (codes are a closed set). */
export function outcomeOf(record: OperationRecord): string {
  return record.errorCodes[0] ?? 'ok';
}

/**
 * The server's Prometheus metrics, in a registry of its own (several servers may share a process, in tests).
 * Labels hold only bounded values: operation types, schema field names, error codes, policy names.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly operations = new Counter({
    name: 'kb_graphql_operations_total',
    help: 'GraphQL operations by transport, type, first top-level field and outcome (ok, or the first error code).',
    labelNames: ['transport', 'type', 'field', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly operationSeconds = new Histogram({
    name: 'kb_graphql_operation_duration_seconds',
    help: 'Time from receiving an HTTP GraphQL request to sending its answer, by operation type.',
    labelNames: ['type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly operationCost = new Histogram({
    name: 'kb_graphql_operation_cost',
    help: 'Estimated cost of the operations that passed the limits (see MAX_QUERY_COST).',
    buckets: [1, 10, 100, 1000, 5000, 10000, 25000, 50000],
    registers: [this.registry],
  });

  readonly httpRequests = new Counter({
    name: 'kb_http_requests_total',
    help: 'HTTP requests by route and status.',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });

  readonly responseCacheLookups = new Counter({
    name: 'kb_response_cache_lookups_total',
    help: 'Anonymous GET queries looked up in the response cache: hit, miss (nothing stored), stale (a kind it read was written since).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly webSocketConnections = new Gauge({
    name: 'kb_websocket_connections',
    help: 'WebSocket connections open now.',
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'kb_rate_limited_total',
    help: 'Requests, connections and operations refused by a rate limit, by policy.',
    labelNames: ['policy'] as const,
    registers: [this.registry],
  });

  readonly databaseErrors = new Counter({
    name: 'kb_database_errors_total',
    help: 'Database faults answered to clients (DATABASE_FULL, DATABASE_BUSY, DATABASE_UNAVAILABLE), by code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  readonly pubsubAvailable = new Gauge({
    name: 'kb_pubsub_available',
    help: '1 while the live feed receives messages (always, without Redis), 0 during an outage.',
    registers: [this.registry],
  });

  readonly pubsubOutages = new Counter({
    name: 'kb_pubsub_outages_total',
    help: 'Times the live feed lost its connection to Redis.',
    registers: [this.registry],
  });

  readonly pubsubLag = new Histogram({
    name: 'kb_pubsub_lag_seconds',
    help: 'Time from publishing a committed change to this instance receiving it.',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'kb_' });
    this.pubsubAvailable.set(1);
  }

  /** Reports `liveSubscriptions()` as a gauge, read at each scrape. */
  countLiveSubscriptions(liveSubscriptions: () => number): void {
    new Gauge({
      name: 'kb_live_subscriptions',
      help: 'Subscriptions listening to the live feed on this instance now.',
      registers: [this.registry],
      collect() {
        this.set(liveSubscriptions());
      },
    });
  }

  /** Counts a finished operation, and the database faults among its errors. */
  operationDone(transport: 'http' | 'websocket', record: OperationRecord): void {
    this.operations.inc({ transport, type: record.operationType ?? 'none', field: record.rootField ?? 'none', outcome: outcomeOf(record) });
    for (const code of record.errorCodes) if (code.startsWith('DATABASE_')) this.databaseErrors.inc({ code });
  }

  pubsubChanged(available: boolean): void {
    this.pubsubAvailable.set(available ? 1 : 0);
    if (!available) this.pubsubOutages.inc();
  }
}
