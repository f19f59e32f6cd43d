import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub } from '@graphql-yoga/subscription';
import { Redis } from 'ioredis';
import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import { within } from './within';

/** What crosses the pub/sub: only the id of a committed fact, so a message is small and JSON-safe; subscribers read the fact itself. */
export interface FactMessage {
  id: number;
  /** When it was published (ms since the epoch): how late it arrives is the feed's lag. */
  publishedAt: number;
}

/** A topic is named by the kind that publishes on it (EVENT_ADDED); the Redis channel is the prefix and the name. */
export type TopicName = string;

export type KbPubSub = ReturnType<typeof createPubSub<Record<TopicName, [FactMessage]>>>;

/**
 * Carries committed facts' ids to the subscriptions of this instance, and with Redis to those
 * of every instance. Neither publishing nor a slow listener can throw into the writer.
 */
export interface FactBus {
  /** type-graphql insists on a PubSub for subscriptions, although ours listen through `listen`. */
  pubSub: KbPubSub;
  publish(topic: TopicName, message: Omit<FactMessage, 'publishedAt'>): void;
  /** Calls `onMessage` for every message on `topic` until the returned function is called. */
  listen(topic: TopicName, onMessage: (message: FactMessage) => void): () => void;
  /** Whether messages reach this instance now: false while its connection to Redis is down (in-process, always true). */
  readonly available: boolean;
  /** Calls `onChange` whenever `available` changes, until the returned function is called. */
  watchAvailability(onChange: (available: boolean) => void): () => void;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 5000;
const COMMAND_TIMEOUT_MS = 2000;
const HEARTBEAT_MS = 1000;
const HEARTBEAT_TIMEOUT_MS = 1000;
const CLOSE_TIMEOUT_MS = 1000;

/** The instance's Redis could not be reached at start: the message names the setting to change. */
export class PubSubUnreachableError extends Error {}

/** Listening on an event target; `onReceived` hears each message once, however many listen to it. */
function listenOn(eventTarget: EventTarget, channelPrefix: string, onReceived: (message: FactMessage) => void) {
  const seen = new WeakSet<FactMessage>();
  return (topic: TopicName, onMessage: (message: FactMessage) => void) => {
    const listener = (event: Event) => {
      const message = (event as CustomEvent<FactMessage>).detail;
      if (!seen.has(message)) {
        seen.add(message);
        onReceived(message);
      }
      onMessage(message);
    };
    eventTarget.addEventListener(`${channelPrefix}${topic}`, listener);
    return () => eventTarget.removeEventListener(`${channelPrefix}${topic}`, listener);
  };
}

/**
 * In-process by default; with a Redis URL, every instance publishes to and hears from the same
 * Redis channels, so a mutation on one instance reaches subscribers on all of them. While Redis
 * is unreachable, publications wait in the client's queue and are sent when it is back.
 */
export async function createFactBus(redisUrl: string | null, logger: Logger, channelPrefix = '', onReceived: (message: FactMessage) => void = () => {}): Promise<FactBus> {
  if (!redisUrl) {
    const eventTarget = new EventTarget();
    // One listener per subscription is the design, not a leak: lift Node's warning threshold of 10.
    setMaxListeners(0, eventTarget);
    return {
      pubSub: createPubSub<Record<TopicName, [FactMessage]>>({ eventTarget }),
      publish: (topic, message) => eventTarget.dispatchEvent(new CustomEvent(topic, { detail: { ...message, publishedAt: Date.now() } })),
      listen: listenOn(eventTarget, '', onReceived),
      available: true,
      watchAvailability: () => () => {},
      close: async () => {},
    };
  }
  // A Redis that hangs (rather than closing) must not hold publications for ever: they time out and are logged.
  const options = { lazyConnect: true, maxRetriesPerRequest: null, commandTimeout: COMMAND_TIMEOUT_MS };
  const publishClient = new Redis(redisUrl, options);
  const subscribeClient = new Redis(redisUrl, { ...options, commandTimeout: undefined });
  // Until connected, a failure is the start's to report, in one line; after, each one is logged as it comes.
  let connected = false;
  for (const client of [publishClient, subscribeClient]) client.on('error', (error) => connected && logger.warn({ err: error }, 'Redis pub/sub connection error'));
  try {
    await within(CONNECT_TIMEOUT_MS, Promise.all([publishClient.connect(), subscribeClient.connect()]), 'connection');
    connected = true;
  } catch (error) {
    publishClient.disconnect();
    subscribeClient.disconnect();
    throw new PubSubUnreachableError(`Redis at PUBSUB_URL (${redactedUrl(redisUrl)}) cannot be reached (${(error as Error).message}); start it, correct PUBSUB_URL, or leave PUBSUB_URL out to run one instance without Redis`);
  }
  const eventTarget = createRedisEventTarget({ publishClient, subscribeClient });
  const availability = watchSubscriber(subscribeClient, logger);
  return {
    pubSub: createPubSub<Record<TopicName, [FactMessage]>>({ eventTarget }),
    // Published directly, not through the event target, whose publish leaves a failure unhandled (and the process would exit).
    publish: (topic, message) => {
      publishClient.publish(`${channelPrefix}${topic}`, JSON.stringify({ ...message, publishedAt: Date.now() })).catch((error) => logger.error({ err: error, topic, message }, 'could not publish to Redis'));
    },
    listen: listenOn(eventTarget as unknown as EventTarget, channelPrefix, onReceived),
    get available() {
      return availability.available;
    },
    watchAvailability: availability.watch,
    // quit() waits for Redis to answer; a client that cannot reach it, or that it does not answer, is just dropped.
    close: async () => {
      const answering = availability.available;
      availability.stop();
      await Promise.all(
        [publishClient, subscribeClient].map((client) =>
          client.status === 'ready' && answering ? within(CLOSE_TIMEOUT_MS, client.quit(), 'QUIT answer').catch(() => client.disconnect()) : client.disconnect(),
        ),
      );
    },
  };
}

function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/**
 * Follows the connection that receives messages. Down as soon as it closes: whatever is published meanwhile does not
 * reach this instance. Up again only once Redis has answered a PING sent after ioredis's own re-subscription, so that
 * every channel is listened to again before anyone is told the feed is back.
 */
function watchSubscriber(subscribeClient: Redis, logger: Logger) {
  const watchers = new Set<(available: boolean) => void>();
  let available = true;
  let stopped = false;
  const set = (value: boolean) => {
    if (stopped || available === value) return;
    available = value;
    if (value) logger.info('the live feed is connected to Redis again');
    else logger.warn('the live feed lost its connection to Redis: live subscriptions are ended with FEED_INTERRUPTED until it is back');
    for (const watcher of [...watchers]) watcher(value);
  };
  const check = () =>
    within(HEARTBEAT_TIMEOUT_MS, subscribeClient.ping(), 'PONG').then(
      () => set(true),
      () => set(false),
    );
  subscribeClient.on('close', () => set(false));
  subscribeClient.on('ready', check);
  // A Redis that stops answering without closing the connection (a hung server, a network that drops packets)
  // is noticed by a PING that gets no PONG in time.
  const heartbeat = setInterval(() => {
    if (subscribeClient.status === 'ready') void check();
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    get available() {
      return available;
    },
    watch(onChange: (available: boolean) => void) {
      watchers.add(onChange);
      return () => watchers.delete(onChange);
    },
    stop() {
      stopped = true;
      clearInterval(heartbeat);
    },
  };
}
