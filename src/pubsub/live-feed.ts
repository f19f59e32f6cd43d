import { GraphQLError } from 'graphql';
import { EventEmitter, once } from 'node:events';
import { FeedInterruptedError, SubscriberTooSlowError } from '../errors/errors';
import { FactBus, FactMessage } from './pubsub';

/** Subscriptions replaying at once, per process; the others wait their turn, so that replays cannot crowd out requests. */
const CONCURRENT_REPLAYS = 4;
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

/**
 * What happened before the live stream (a replay): yields it, in order, until `stopped`, and returns which live
 * messages it already covered.
 */
export type Replay<T> = (stopped: () => boolean) => AsyncGenerator<T, (message: FactMessage) => boolean>;

/**
 * The subscriptions' streams, for any kind: a topic's messages carry only an id; the fact is read once per message
 * and instance (`fact`), and whatever else a message is checked for once per message and key (`once`), whatever the
 * number of subscribers (the message object is the same for all of them).
 */
export class LiveFeed {
  private readonly facts = new WeakMap<FactMessage, Promise<unknown>>();
  private readonly checks = new WeakMap<FactMessage, Map<string, Promise<unknown>>>();
  private readonly replays = new Slots(CONCURRENT_REPLAYS);
  /** What ends each open stream when the feed is interrupted. */
  private readonly interrupts = new Set<() => void>();
  private listeners = 0;
  /** Emits `listening` with the count whenever a subscription starts or ends listening. */
  private readonly listeningChanges = new EventEmitter();

  constructor(
    private readonly bus: FactBus,
    /** Reads a fact with services of its own, so that nothing a long-lived subscription holds goes stale. */
    private readonly readFact: (entity: new () => object, id: number) => Promise<unknown>,
    /** The most facts one resumption replays (MAX_REPLAY_EVENTS); one from further back is refused. */
    readonly maxReplay: number,
  ) {
    bus.watchAvailability((available) => {
      if (!available) for (const interrupt of [...this.interrupts]) interrupt();
    });
  }

  /** Subscriptions listening now, on this instance. */
  get listening(): number {
    return this.listeners;
  }

  /** Resolves once the number of subscriptions listening satisfies `condition` (at once if it does now). */
  async whenListening(condition: (count: number) => boolean): Promise<void> {
    while (!condition(this.listeners)) await once(this.listeningChanges, 'listening');
  }

  private countListeners(change: 1 | -1): void {
    this.listeners += change;
    this.listeningChanges.emit('listening', this.listeners);
  }

  /** The facts of `entity` published on `topic` from now on. */
  added<T extends object>(topic: string, entity: new () => T): AsyncIterable<LiveValue<T>> {
    return this.stream(topic, (message) => this.fact(message, entity));
  }

  /** A turn to replay: at most CONCURRENT_REPLAYS at once per process; call what it resolves to when done. */
  replaySlot(): Promise<() => void> {
    return this.replays.acquire();
  }

  /**
   * What a subscription delivers of `topic`: each message turned into a value (null skips it), after what `replay`
   * reads of the past. The live stream is listened to before the replay is read, and live messages the replay
   * already covered are skipped, so the handover loses and doubles nothing.
   */
  stream<T>(topic: string, toValue: (message: FactMessage) => Promise<T | null>, replay?: Replay<T>): AsyncIterableIterator<LiveValue<T>> {
    // While the feed is down, what it would deliver is unknown: refused, to be tried again.
    if (!this.bus.available) throw new FeedInterruptedError();
    const live = this.listen(topic);
    let stopped = false;
    // An async generator rather than a Repeater: it yields as graphql-ws pulls, with none of the Repeater's queues and
    // promises, which every subscriber of a fan-out pays for (GC and microtasks).
    async function* values(): AsyncGenerator<LiveValue<T>> {
      try {
        const alreadyDelivered = replay ? yield* replay(() => stopped) : () => false;
        let message: FactMessage | null;
        while (!stopped && (message = await live.next()) !== null) {
          if (alreadyDelivered(message)) continue;
          const value = await toValue(message);
          if (value !== null && !stopped) yield value;
        }
      } catch (error) {
        // An error of ours (too slow, feed interrupted, ...) is the subscription's last message; anything else is a fault.
        if (!(error instanceof GraphQLError)) throw error;
        yield error;
      } finally {
        live.close();
      }
    }
    const generator = values();
    // graphql-ws may end a subscription while the generator waits for a message, or before asking for anything: a
    // generator's own return() would wait for that message, so the listener is released first, which ends the wait.
    const stop = () => {
      stopped = true;
      live.close();
    };
    return {
      next: () => generator.next(),
      return: (value?: unknown) => {
        stop();
        return generator.return(value as LiveValue<T>);
      },
      throw: (error?: unknown) => {
        stop();
        return generator.throw(error);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** The fact a message names, read once per message whatever the number of subscribers; null if it is gone. */
  fact<T extends object>(message: FactMessage, entity: new () => T): Promise<T | null> {
    let fact = this.facts.get(message);
    if (!fact) {
      fact = this.readFact(entity, message.id);
      this.facts.set(message, fact);
    }
    return fact as Promise<T | null>;
  }

  /** `check` of a message, run once per message and `key` (a filter), whatever the number of subscribers asking. */
  once<T>(message: FactMessage, key: string, check: () => Promise<T>): Promise<T> {
    let byKey = this.checks.get(message);
    if (!byKey) {
      byKey = new Map();
      this.checks.set(message, byKey);
    }
    let checked = byKey.get(key) as Promise<T> | undefined;
    if (!checked) {
      checked = check();
      byKey.set(key, checked);
    }
    return checked;
  }

  /**
   * Listens to `topic` from this moment on, not from the first read: a subscription is live as soon
   * as the server has accepted it, and `listening` counts it. Messages wait in a bounded backlog;
   * past it the subscription ends with SubscriberTooSlowError rather than hold memory or drop silently.
   */
  private listen(topic: string) {
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
    this.countListeners(1);
    const close = () => {
      if (closed) return;
      closed = true;
      this.countListeners(-1);
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
}
