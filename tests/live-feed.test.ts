import pino from 'pino';
import { createServices } from '../src/app/context';
import { SubscriberTooSlowError } from '../src/errors/errors';
import { LiveFeed, MAX_BACKLOG } from '../src/pubsub/live-feed';
import { createFactBus } from '../src/pubsub/pubsub';
import { EventFeed, EventTopic } from '../src/events/event.feed';
import { EventService } from '../src/events/event.service';
import { NodeService } from '../src/facts/node.service';
import { createDataSource } from '../src/app/data-source';
import { prepareDatabase } from '../src/app/prepare';
import { loadConfig } from '../src/app/config';
import type { DataSource } from 'typeorm';

let dataSource: DataSource;

beforeAll(async () => {
  dataSource = createDataSource(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).database);
  await prepareDatabase(dataSource);
});
afterAll(() => dataSource.destroy());

/** Services of no one's, as the server makes for the live feed's reads. */
function anonymous(source: DataSource, feed: LiveFeed | null = null) {
  return createServices(source, { currentActor: async () => null, onCommitted: () => {}, feed });
}

function liveFeed(bus: Awaited<ReturnType<typeof createFactBus>>, source: DataSource) {
  return new LiveFeed(bus, (entity, id) => anonymous(source).get(NodeService).byId(entity as never, id), 1000);
}

async function feed() {
  const bus = await createFactBus(null, pino({ level: 'silent' }));
  const live = liveFeed(bus, dataSource);
  return { bus, feed: live, events: anonymous(dataSource, live).get(EventFeed) };
}

describe('LiveFeed', () => {
  it('releases a subscription that is ended before it was ever read', async () => {
    const { feed: live, events } = await feed();
    const stream = events.deleted()[Symbol.asyncIterator]();
    expect(live.listening).toBe(1);
    await stream.return?.();
    expect(live.listening).toBe(0);
  });

  it('ends a subscription that falls too far behind with SUBSCRIBER_TOO_SLOW, after what it had, and never throws at the publisher', async () => {
    const { bus, feed: live, events } = await feed();
    const stream = events.deleted()[Symbol.asyncIterator]();
    for (let id = 1; id <= MAX_BACKLOG + 50; id += 1) bus.publish(EventTopic.DELETED, { id });
    const received: unknown[] = [];
    for (;;) {
      const { value, done } = await stream.next();
      if (done) break;
      received.push(value);
    }
    expect(received).toHaveLength(MAX_BACKLOG + 1);
    expect(received[MAX_BACKLOG]).toBeInstanceOf(SubscriberTooSlowError);
    expect((received[MAX_BACKLOG] as SubscriberTooSlowError).extensions.code).toBe('SUBSCRIBER_TOO_SLOW');
    expect(live.listening).toBe(0);
  });

  it('stops reading a replay when the client leaves', async () => {
    const statements: string[] = [];
    const counting = { logQuery: (query: string) => statements.push(query), logQueryError() {}, logQuerySlow() {}, logSchemaBuild() {}, logMigration() {}, log() {} };
    const source = createDataSource(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).database, { logger: counting });
    await prepareDatabase(source);
    await source.query(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
       INSERT INTO events ("title", "date", "datePrecision", "type", "claimStatus") SELECT 'Backlog ' || i, '2025-01-01', 'DAY', 'OTHER', 'REPORTED' FROM n`,
    );
    const { bus } = await feed();
    const replaying = liveFeed(bus, source);
    const services = anonymous(source, replaying);
    const [oldest] = await source.query('SELECT MIN("id") AS id FROM events');
    const stream = (await services.get(EventFeed).added(null, services.get(EventService).addedCursor({ id: oldest.id } as never)))[Symbol.asyncIterator]();
    const beforeReplay = statements.length;
    await stream.next();
    await stream.return?.();
    const pagesRead = statements.slice(beforeReplay).filter((sql) => sql.includes('ORDER BY "event"."id" ASC LIMIT')).length;
    expect(pagesRead).toBe(1);
    expect(replaying.listening).toBe(0);
    await source.destroy();
  });
});
