import { Repeater } from '@graphql-yoga/subscription';
import { toGlobalId } from '../common/global-id';
import type { Services } from '../context';
import { CasualtyReport } from '../casualties/casualty-report.entity';
import { Event } from '../events/event.entity';
import { EventFilter, EventOrderField } from '../events/event.inputs';
import { SortDirection } from '../common/enums';
import { Statement } from '../statements/statement.entity';
import { FactMessage, KbPubSub, Topic, TopicName } from './pubsub';

const REPLAY_PAGE = 100;
const ADDED_ORDER = { field: EventOrderField.CREATED_AT, direction: SortDirection.ASC };

/**
 * The subscriptions' event streams. A message carries only an id; the fact is read once per
 * message and instance, and a filter is checked once per message and distinct filter, whatever
 * the number of subscribers (the message object is the same for all of them).
 */
export class LiveFeed {
  private readonly facts = new WeakMap<FactMessage, Promise<unknown>>();
  private readonly matches = new WeakMap<FactMessage, Map<string, Promise<boolean>>>();
  private listeners = 0;

  constructor(
    private readonly pubSub: KbPubSub,
    /** Fresh services for each read, so that nothing a long-lived subscription holds goes stale. */
    private readonly services: () => Services,
  ) {}

  /**
   * Events added from now on that match `filter`; with `after` (an Event.addedCursor), first every
   * matching event added after it, in order. The live stream is subscribed before the replay is
   * read, and live events already replayed are skipped, so the handover loses and doubles nothing.
   */
  eventAdded(filter: EventFilter | null | undefined, after: string | null | undefined): AsyncIterable<Event> {
    const events = this.services().events;
    events.filtered(filter);
    let lastId = after ? events.addedCursorId(after) : 0;
    const live = this.listen(Topic.EVENT_ADDED);
    return new Repeater<Event>(async (push, stop) => {
      void stop.then(live.close);
      if (after) {
        let cursor: string | null = after;
        while (cursor) {
          const page = await this.services().events.list(filter, ADDED_ORDER, { first: REPLAY_PAGE, after: cursor });
          for (const node of page.nodes) {
            await push(node);
            lastId = node.id;
          }
          cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        }
      }
      let message;
      while ((message = await live.next()).done === false) {
        if (message.value.id <= lastId) continue;
        const event = await this.matchingEvent(message.value, filter);
        if (event) await push(event);
      }
      stop();
    });
  }

  /** Events changed (or restored) that match `filter` after the change. */
  eventUpdated(filter: EventFilter | null | undefined): AsyncIterable<Event> {
    this.services().events.filtered(filter);
    return this.stream(Topic.EVENT_UPDATED, (message) => this.matchingEvent(message, filter));
  }

  /** The global IDs of deleted events. */
  eventDeleted(): AsyncIterable<string> {
    return this.stream(Topic.EVENT_DELETED, async (message) => toGlobalId('Event', message.id));
  }

  statementAdded(): AsyncIterable<Statement> {
    return this.stream(Topic.STATEMENT_ADDED, (message) => this.fact(message, Statement));
  }

  casualtyReported(): AsyncIterable<CasualtyReport> {
    return this.stream(Topic.CASUALTY_REPORTED, (message) => this.fact(message, CasualtyReport));
  }

  /** Subscriptions listening now, on this instance. */
  get listening(): number {
    return this.listeners;
  }

  /**
   * Listens to `topic` from this moment on, not from the first read: a subscription is live as
   * soon as the server has accepted it, and `listening` counts it.
   */
  private listen(topic: TopicName) {
    const messages = this.pubSub.subscribe(topic)[Symbol.asyncIterator]();
    let first: Promise<IteratorResult<FactMessage>> | undefined = messages.next();
    this.listeners += 1;
    let closed = false;
    return {
      next: () => {
        const pending = first ?? messages.next();
        first = undefined;
        return pending;
      },
      close: () => {
        if (closed) return;
        closed = true;
        this.listeners -= 1;
        void messages.return?.();
      },
    };
  }

  private stream<T>(topic: TopicName, toValue: (message: FactMessage) => Promise<T | null>): AsyncIterable<T> {
    const live = this.listen(topic);
    return new Repeater<T>(async (push, stop) => {
      void stop.then(live.close);
      let message;
      while ((message = await live.next()).done === false) {
        const value = await toValue(message.value);
        if (value !== null) await push(value);
      }
      stop();
    });
  }

  private fact<T extends Event | Statement | CasualtyReport>(message: FactMessage, entity: new () => T): Promise<T | null> {
    let fact = this.facts.get(message);
    if (!fact) {
      fact = this.services().nodes.byId(entity, message.id);
      this.facts.set(message, fact);
    }
    return fact as Promise<T | null>;
  }

  /** The event, if it (still) exists and matches the filter: the same SQL as events(filter:), restricted to its id. */
  private async matchingEvent(message: FactMessage, filter: EventFilter | null | undefined): Promise<Event | null> {
    const event = await this.fact<Event>(message, Event);
    if (!event || !filter) return event;
    let byFilter = this.matches.get(message);
    if (!byFilter) {
      byFilter = new Map();
      this.matches.set(message, byFilter);
    }
    const key = JSON.stringify(filter);
    let matched = byFilter.get(key);
    if (!matched) {
      matched = this.services().events.matches(filter, message.id);
      byFilter.set(key, matched);
    }
    return (await matched) ? event : null;
  }
}
