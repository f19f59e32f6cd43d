import { setImmediate } from 'node:timers/promises';
import { GraphQLError } from 'graphql';
import { liveFeed, type ServiceDeps, type Services } from '../facts/services';
import { toGlobalId } from '../relay/global-id';
import type { LiveFeed, LiveValue, Replay } from '../pubsub/live-feed';
import type { FactMessage } from '../pubsub/pubsub';
import { Event } from './event.entity';
import type { EventFilter } from './event.inputs';
import { ADDED_ORDER, EventService } from './event.service';

/** The topics events are published on (the event kind's descriptor maps each change to one). */
export const EventTopic = {
  ADDED: 'EVENT_ADDED',
  UPDATED: 'EVENT_UPDATED',
  DELETED: 'EVENT_DELETED',
} as const;

const REPLAY_PAGE = 100;

/** Refuses a resumption from a cursor too far back: the client reads what it missed as a list, then subscribes from there. */
export class ReplayTooLongError extends GraphQLError {
  constructor(maximum: number) {
    super(
      `More than ${maximum} events were added after this cursor (MAX_REPLAY_EVENTS): read them with events(orderBy: { field: CREATED_AT, direction: ASC }, after:) from the same cursor, then subscribe with the addedCursor of the last one`,
      { extensions: { code: 'REPLAY_TOO_LONG', maximum } },
    );
  }
}

/**
 * The event subscriptions: filtered by the same SQL as events(filter:), each filter checked once per message and
 * distinct filter, and eventAdded resumable from an Event.addedCursor without a gap.
 */
export class EventFeed {
  private readonly feed: LiveFeed;
  private readonly fresh: () => Services;

  constructor(deps: ServiceDeps) {
    this.feed = liveFeed(deps);
    this.fresh = deps.fresh;
  }

  private events(): EventService {
    return this.fresh().get(EventService);
  }

  /**
   * Events added from now on that match `filter`; with `after` (an Event.addedCursor), first every
   * matching event added after it, in order, then the live ones.
   */
  async added(filter: EventFilter | null | undefined, after: string | null | undefined): Promise<AsyncIterable<LiveValue<Event>>> {
    const events = this.events();
    events.assertValidFilter(filter);
    const afterId = after ? events.addedCursorId(after) : 0;
    if (after && (await events.countAddedAfter(filter, afterId, this.feed.maxReplay)) > this.feed.maxReplay) throw new ReplayTooLongError(this.feed.maxReplay);
    const feed = this.feed;
    const fresh = () => this.events();
    const replay: Replay<Event> = async function* (stopped) {
      let lastId = afterId;
      let cursor = after ?? null;
      const release = cursor ? await feed.replaySlot() : () => {};
      try {
        while (cursor && !stopped()) {
          const page = await fresh().list(filter, ADDED_ORDER, { first: REPLAY_PAGE, after: cursor });
          for (const node of page.nodes) {
            if (stopped()) break;
            yield node;
            lastId = node.id;
            // Sending a replayed event involves no I/O wait; without a turn of the event loop, a replay would hold it.
            await setImmediate();
          }
          cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        }
      } finally {
        release();
      }
      return (message) => message.id <= lastId;
    };
    return this.feed.stream(EventTopic.ADDED, (message) => this.matching(message, filter), replay);
  }

  /** Events changed (or restored) that match `filter` after the change. */
  updated(filter: EventFilter | null | undefined): AsyncIterable<LiveValue<Event>> {
    this.events().assertValidFilter(filter);
    return this.feed.stream(EventTopic.UPDATED, (message) => this.matching(message, filter));
  }

  /** The global IDs of deleted events. */
  deleted(): AsyncIterable<LiveValue<string>> {
    return this.feed.stream(EventTopic.DELETED, async (message) => toGlobalId(Event.name, message.id));
  }

  /** The event, if it (still) exists and matches the filter: the same SQL as events(filter:), restricted to its id. */
  private async matching(message: FactMessage, filter: EventFilter | null | undefined): Promise<Event | null> {
    const event = await this.feed.fact(message, Event);
    if (!event || !filter) return event;
    return (await this.feed.once(message, JSON.stringify(filter), () => this.events().matches(filter, message.id))) ? event : null;
  }
}
