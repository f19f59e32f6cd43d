import type { NodeTypeName } from '../common/global-id';
import { RevisionAction } from '../revisions/revision.entity';
import type { ChangeListener } from '../revisions/fact-writer';
import { FactBus, Topic, TopicName } from './pubsub';

const TOPICS: Partial<Record<NodeTypeName, Partial<Record<RevisionAction, TopicName>>>> = {
  Event: {
    [RevisionAction.CREATE]: Topic.EVENT_ADDED,
    [RevisionAction.UPDATE]: Topic.EVENT_UPDATED,
    // A restored event comes back as it was: an update to clients that keep a timeline.
    [RevisionAction.RESTORE]: Topic.EVENT_UPDATED,
    [RevisionAction.DELETE]: Topic.EVENT_DELETED,
  },
  Statement: { [RevisionAction.CREATE]: Topic.STATEMENT_ADDED },
  CasualtyReport: { [RevisionAction.CREATE]: Topic.CASUALTY_REPORTED },
};

/** Publishes each committed change to the topic its subscribers listen on (the FactWriter calls it after commit). */
export function publishCommittedChanges(bus: FactBus): ChangeListener {
  return ({ type, action, id }) => {
    const topic = TOPICS[type]?.[action];
    if (topic) bus.publish(topic, { id });
  };
}
