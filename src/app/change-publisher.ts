import type { ChangeListener } from '../facts/fact-writer';
import type { KindIndex } from '../facts/kind-index';
import type { FactBus } from '../pubsub/pubsub';
import type { ResponseCache } from '../response-cache/response-cache';

/**
 * What follows a commit (the FactWriter calls it before acknowledging the write): the response cache forgets every
 * answer read from the kind written, on every instance, and then the change goes to the topic its kind names for it.
 */
export function publishCommittedChanges(bus: FactBus, kinds: KindIndex, cache: ResponseCache | null): ChangeListener {
  return async ({ type, action, id }) => {
    await cache?.written([type]);
    const topic = kinds.topic(type, action);
    if (topic) bus.publish(topic, { id });
  };
}
