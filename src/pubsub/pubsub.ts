import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub } from '@graphql-yoga/subscription';
import { Redis } from 'ioredis';
import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';

/** What crosses the pub/sub: only the id of a committed fact, so a message is small and JSON-safe; subscribers read the fact itself. */
export interface FactMessage {
  id: number;
}

export const Topic = {
  EVENT_ADDED: 'EVENT_ADDED',
  EVENT_UPDATED: 'EVENT_UPDATED',
  EVENT_DELETED: 'EVENT_DELETED',
  STATEMENT_ADDED: 'STATEMENT_ADDED',
  CASUALTY_REPORTED: 'CASUALTY_REPORTED',
} as const;

export type TopicName = (typeof Topic)[keyof typeof Topic];

export type KbPubSub = ReturnType<typeof createPubSub<Record<TopicName, [FactMessage]>>>;

/**
 * Carries committed facts' ids to the subscriptions of this instance, and with Redis to those
 * of every instance. Neither publishing nor a slow listener can throw into the writer.
 */
export interface FactBus {
  /** type-graphql insists on a PubSub for subscriptions, although ours listen through `listen`. */
  pubSub: KbPubSub;
  /** The Redis client that publishes, when the bus goes through Redis: rate limits count in the same Redis. */
  redis: Redis | null;
  publish(topic: TopicName, message: FactMessage): void;
  /** Calls `onMessage` for every message on `topic` until the returned function is called. */
  listen(topic: TopicName, onMessage: (message: FactMessage) => void): () => void;
  close(): Promise<void>;
}

function listenOn(eventTarget: EventTarget, channelPrefix = '') {
  return (topic: TopicName, onMessage: (message: FactMessage) => void) => {
    const listener = (event: Event) => onMessage((event as CustomEvent<FactMessage>).detail);
    eventTarget.addEventListener(`${channelPrefix}${topic}`, listener);
    return () => eventTarget.removeEventListener(`${channelPrefix}${topic}`, listener);
  };
}

/**
 * In-process by default; with a Redis URL, every instance publishes to and hears from the same
 * Redis channels, so a mutation on one instance reaches subscribers on all of them. While Redis
 * is unreachable, publications wait in the client's queue and are sent when it is back.
 */
export async function createFactBus(redisUrl: string | null, logger: Logger, channelPrefix = ''): Promise<FactBus> {
  if (!redisUrl) {
    const eventTarget = new EventTarget();
    // One listener per subscription is the design, not a leak: lift Node's warning threshold of 10.
    setMaxListeners(0, eventTarget);
    return {
      pubSub: createPubSub<Record<TopicName, [FactMessage]>>({ eventTarget }),
      redis: null,
      publish: (topic, message) => eventTarget.dispatchEvent(new CustomEvent(topic, { detail: message })),
      listen: listenOn(eventTarget),
      close: async () => {},
    };
  }
  const options = { lazyConnect: true, maxRetriesPerRequest: null };
  const publishClient = new Redis(redisUrl, options);
  const subscribeClient = new Redis(redisUrl, options);
  for (const client of [publishClient, subscribeClient]) client.on('error', (error) => logger.warn({ err: error }, 'Redis pub/sub connection error'));
  await Promise.all([publishClient.connect(), subscribeClient.connect()]);
  const eventTarget = createRedisEventTarget({ publishClient, subscribeClient });
  return {
    pubSub: createPubSub<Record<TopicName, [FactMessage]>>({ eventTarget }),
    redis: publishClient,
    // Published directly, not through the event target, whose publish leaves a failure unhandled (and the process would exit).
    publish: (topic, message) => {
      publishClient.publish(`${channelPrefix}${topic}`, JSON.stringify(message)).catch((error) => logger.error({ err: error, topic, message }, 'could not publish to Redis'));
    },
    listen: listenOn(eventTarget as unknown as EventTarget, channelPrefix),
    // quit() waits for Redis to answer; a client that cannot reach it is just dropped.
    close: async () => {
      await Promise.all([publishClient, subscribeClient].map((client) => (client.status === 'ready' ? client.quit() : client.disconnect())));
    },
  };
}
