import type { ChangeListener } from '../facts/fact-writer';
import type { KindIndex } from '../facts/kind-index';
import type { FactBus } from '../pubsub/pubsub';

/** Publishes each committed change to the topic its kind names for it, if any (the FactWriter calls it after commit). */
export function publishCommittedChanges(bus: FactBus, kinds: KindIndex): ChangeListener {
  return ({ type, action, id }) => {
    const topic = kinds.topic(type, action);
    if (topic) bus.publish(topic, { id });
  };
}
