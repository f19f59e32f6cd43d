import { Repeater } from '@graphql-yoga/subscription';
import { SortDirection } from '../common/enums';
import { toGlobalId } from '../common/global-id';
import type { Services } from '../context';
import { CasualtyReport } from '../casualties/casualty-report.entity';
import { setImmediate } from 'node:timers/promises';
import { GraphQLError } from 'graphql';
import { FeedInterruptedError, ReplayTooLongError, SubscriberTooSlowError } from '../errors/errors';
import { Event } from '../events/event.entity';
import { EventFilter, EventOrderField } from '../events/event.inputs';
import { Statement } from '../statements/statement.entity';
import { FactBus, FactMessage, Topic, TopicName } from './pubsub';

const REPLAY_PAGE = 100;
/** Subscriptions replaying at once, per process; the others wait their turn, so that replays cannot crowd out requests. */
const CONCURRENT_REPLAYS = 4;
const ADDED_ORDER = { field: EventOrderField.CREATED_AT, direction: SortDirection.ASC };
/** Messages a subscription may have waiting before it is ended as too slow. */
export const MAX_BACKLOG = 1000;

/** What a subscription delivers: values, and at the end possibly the error that ended it (too slow, feed interrupted). */
export type LiveValue<T> = T | GraphQLError;

/** A counting semaphore: at most `slots` holders at once, the others queued in order. */
class Slots {
  private readonly queue: (() => void)[] = [];
  constructor(private free: number) {}

  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.queue.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (next) next();
      else this.free += 1;
    };
  }
}

/** Reads what happened before the live stream (a replay) and says which live messages it already covered. */
type Replay<T> = (push: (value: T) => Promise<unknown>, stopped: () => boolean) => Promise<(message: FactMessage) => boolean>;

/**
 * A Repeater starts on its first next(), but graphql-ws may end a subscription before asking for
 * anything: return() must release the listener itself.
 */
function closingOnReturn<T>(repeater: Repeater<T>, close: () => void): AsyncIterableIterator<T> {
  return {
    next: () => repeater.next(),
    return: (value?: unknown) => {
      close();
      return repeater.return(value as T);
    },
    throw: (error?: unknown) => {
      close();
      return repeater.throw(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * The subscriptions' event streams. A message carries only an id; the fact is read once per
 * message and instance, and a filter is checked once per message and distinct filter, whatever
 * the number of subscribers (the message object is the same for all of them).
 */
export class LiveFeed {
  private readonly facts = new WeakMap<FactMessage, Promise<unknown>>();
  private readonly matches = new WeakMap<FactMessage, Map<string, Promise<boolean>>>();
  private readonly replays = new Slots(CONCURRENT_REPLAYS);
  /** What ends each open stream when the feed is interrupted. */
  private readonly interrupts = new Set<() => void>();
  private listeners = 0;

  constructor(
    private readonly bus: FactBus,
    /** Fresh services for each read, so that nothing a long-lived subscription holds goes stale. */
    private readonly services: () => Services,
    /** The most events one resumption replays (MAX_REPLAY_EVENTS); one from further back is refused. */
    private readonly maxReplay: number,
  ) {
    bus.watchAvailability((available) => {
      if (!available) for (const interrupt of [...this.interrupts]) interrupt();
    });
  }

  /** Subscriptions listening now, on this instance. */
  get listening(): number {
    return this.listeners;
  }

  /**
   * Events added from now on that match `filter`; with `after` (an Event.addedCursor), first every
   * matching event added after it, in order. The live stream is listened to before the replay is
   * read, and live events already replayed are skipped, so the handover loses and doubles nothing.
   */
  async eventAdded(filter: EventFilter | null | undefined, after: string | null | undefined): Promise<AsyncIterable<LiveValue<Event>>> {
    const events = this.services().events;
    events.assertValidFilter(filter);
    const afterId = after ? events.addedCursorId(after) : 0;
    if (after && (await events.countAddedAfter(filter, afterId, this.maxReplay)) > this.maxReplay) throw new ReplayTooLongError(this.maxReplay);
    const replay: Replay<Event> = async (push, stopped) => {
      let lastId = afterId;
      let cursor = after ?? null;
      const release = cursor ? await this.replays.acquire() : () => {};
      try {
        while (cursor && !stopped()) {
          const page = await this.services().events.list(filter, ADDED_ORDER, { first: REPLAY_PAGE, after: cursor });
          for (const node of page.nodes) {
            if (stopped()) break;
            await push(node);
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
    return this.stream(Topic.EVENT_ADDED, (message) => this.matchingEvent(message, filter), replay);
  }

  /** Events changed (or restored) that match `filter` after the change. */
  eventUpdated(filter: EventFilter | null | undefined): AsyncIterable<LiveValue<Event>> {
    this.services().events.assertValidFilter(filter);
    return this.stream(Topic.EVENT_UPDATED, (message) => this.matchingEvent(message, filter));
  }

  /** The global IDs of deleted events. */
  eventDeleted(): AsyncIterable<LiveValue<string>> {
    return this.stream(Topic.EVENT_DELETED, async (message) => toGlobalId('Event', message.id));
  }

  statementAdded(): AsyncIterable<LiveValue<Statement>> {
    return this.stream(Topic.STATEMENT_ADDED, (message) => this.fact(message, Statement));
  }

  casualtyReported(): AsyncIterable<LiveValue<CasualtyReport>> {
    return this.stream(Topic.CASUALTY_REPORTED, (message) => this.fact(message, CasualtyReport));
  }

  private stream<T>(topic: TopicName, toValue: (message: FactMessage) => Promise<T | null>, replay?: Replay<T>): AsyncIterableIterator<LiveValue<T>> {
    // While the feed is down, what it would deliver is unknown: refused, to be tried again.
    if (!this.bus.available) throw new FeedInterruptedError();
    const live = this.listen(topic);
    const repeater = new Repeater<LiveValue<T>>(async (push, stop) => {
      let stopped = false;
      void stop.then(() => {
        stopped = true;
        live.close();
      });
      try {
        const alreadyDelivered = replay ? await replay(push, () => stopped) : () => false;
        let message: FactMessage | null;
        while (!stopped && (message = await live.next()) !== null) {
          if (alreadyDelivered(message)) continue;
          const value = await toValue(message);
          if (value !== null && !stopped) await push(value);
        }
      } catch (error) {
        // An error of ours (too slow, feed interrupted, ...) is the subscription's last message; anything else is a fault.
        if (!(error instanceof GraphQLError)) throw error;
        await push(error);
      }
      stop();
    });
    return closingOnReturn(repeater, live.close);
  }

  /**
   * Listens to `topic` from this moment on, not from the first read: a subscription is live as soon
   * as the server has accepted it, and `listening` counts it. Messages wait in a bounded backlog;
   * past it the subscription ends with SubscriberTooSlowError rather than hold memory or drop silently.
   */
  private listen(topic: TopicName) {
    const backlog: FactMessage[] = [];
    let overflowed = false;
    let interrupted = false;
    let closed = false;
    let wake: (() => void) | undefined;
    const interrupt = () => {
      interrupted = true;
      wake?.();
    };
    this.interrupts.add(interrupt);
    const unlisten = this.bus.listen(topic, (message) => {
      if (closed || overflowed) return;
      if (backlog.length >= MAX_BACKLOG) overflowed = true;
      else backlog.push(message);
      wake?.();
    });
    this.listeners += 1;
    const close = () => {
      if (closed) return;
      closed = true;
      this.listeners -= 1;
      this.interrupts.delete(interrupt);
      unlisten();
      wake?.();
    };
    /** The next message, or null once closed. */
    const next = async (): Promise<FactMessage | null> => {
      for (;;) {
        if (backlog.length > 0) return backlog.shift()!;
        if (overflowed) throw new SubscriberTooSlowError(MAX_BACKLOG);
        if (interrupted) throw new FeedInterruptedError();
        if (closed) return null;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    };
    return { next, close };
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
