import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub } from '@graphql-yoga/subscription';
import { Redis } from 'ioredis';
import { setMaxListeners } from 'node:events';

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

export interface PubSubHandle {
  pubSub: KbPubSub;
  close(): Promise<void>;
}

/**
 * In-process by default; with a Redis URL, every instance publishes to and hears from the same
 * Redis channels, so a mutation on one instance reaches subscribers on all of them.
 */
export async function createKbPubSub(redisUrl: string | null): Promise<PubSubHandle> {
  if (!redisUrl) {
    const eventTarget = new EventTarget();
    // One listener per subscription is the design, not a leak: lift Node's warning threshold of 10.
    setMaxListeners(0, eventTarget);
    return { pubSub: createPubSub<Record<TopicName, [FactMessage]>>({ eventTarget }), close: async () => {} };
  }
  const options = { lazyConnect: true, maxRetriesPerRequest: 3 };
  const publishClient = new Redis(redisUrl, options);
  const subscribeClient = new Redis(redisUrl, options);
  await Promise.all([publishClient.connect(), subscribeClient.connect()]);
  const eventTarget = createRedisEventTarget({ publishClient, subscribeClient });
  return {
    pubSub: createPubSub<Record<TopicName, [FactMessage]>>({ eventTarget }),
    close: async () => {
      await Promise.all([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
