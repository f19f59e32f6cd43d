import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { liveCount } from '../db/live-counts';
import type { Loaders } from '../db/loaders';
import type { SelectedFields } from '../db/selection';
import type { LiveFeed } from '../pubsub/live-feed';
import type { FactWriter } from './fact-writer';
import type { KindIndex } from './kind-index';
import { filtersNothing } from '../relay/filters';

/** What every service is made with: the request's loaders and writer, and what the application shares. */
export interface ServiceDeps {
  dataSource: DataSource;
  /** The request's batching and caching of reads. */
  loaders: Loaders;
  /** The request's write path: its actor goes into every revision. */
  writer: FactWriter;
  kinds: KindIndex;
  /** The live feed; null for services made to write without anyone listening (the seed at start-up). */
  feed: LiveFeed | null;
  /** Services of a request of their own, for the reads a long-lived subscription makes later: nothing cached goes stale. */
  fresh(): Services;
}

export type ServiceClass<S> = new (deps: ServiceDeps) => S;

/**
 * The services of one request, each made on first use with the same deps, so that everything the request reads is
 * batched and cached for it alone. A resolver asks for the one it calls: `services.get(EventService)`.
 */
export class Services {
  private readonly made = new Map<ServiceClass<unknown>, unknown>();

  constructor(private readonly deps: ServiceDeps) {}

  get<S>(service: ServiceClass<S>): S {
    let made = this.made.get(service) as S | undefined;
    if (made === undefined) {
      made = new service(this.deps);
      this.made.set(service, made);
    }
    return made;
  }

  /** Tells the request's loaders which fields its operation selects, so that they read relations with their owners. */
  lookAhead(selected: SelectedFields): void {
    this.deps.loaders.lookAhead(selected);
  }

  /**
   * Services made anew for the same caller and operation: a long-lived subscription's later executions see nothing
   * cached before, and read relations with their owners as its first did.
   */
  forNextExecution(): Services {
    const fresh = this.deps.fresh();
    fresh.lookAhead(this.deps.loaders.selection);
    return fresh;
  }
}

/** The live feed of services that subscribe; services made without one (the seed's) never do. */
export function liveFeed(deps: ServiceDeps): LiveFeed {
  if (!deps.feed) throw new Error('these services were made without a live feed');
  return deps.feed;
}

/** What a service reads and writes with, from its deps: the base of the services of the kinds and of the generic rooms. */
export abstract class Service {
  protected readonly dataSource: DataSource;
  protected readonly loaders: Loaders;
  protected readonly writer: FactWriter;
  protected readonly kinds: KindIndex;

  constructor(protected readonly deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
    this.loaders = deps.loaders;
    this.writer = deps.writer;
    this.kinds = deps.kinds;
  }

  /** The total of a list of `entity` under `filter`, where it is known without counting: the table's live rows, when the filter keeps them all. */
  protected knownTotal(entity: EntityTarget<ObjectLiteral>, filter: object | null | undefined): (() => Promise<number | null>) | undefined {
    return filtersNothing(filter) ? () => liveCount(this.dataSource, entity) : undefined;
  }
}
