import DataLoader from 'dataloader';
import { DataSource, In, ObjectLiteral, EntityTarget, EntityMetadata, SelectQueryBuilder } from 'typeorm';
import { TimeBudgetExceededError } from '../errors/errors';
import { Page, PageRequest } from '../relay/connection';
import { type NodeSource, Ordering, type PageReader, paginateByParent } from '../relay/keyset';
import { type Embed, type EmbeddedRow, readById, readPage } from './rows';
import { type ChildList, type Link, linkNamed, linksOf, partListsOf, referenceNamed, referencesOf } from './relations';
import { NOTHING_SELECTED, type SelectedFields } from './selection';

/** A connection nested under each of many parents (Country.events): rows of `query` grouped by `parentKey`. */
export interface NestedPageSpec<E extends ObjectLiteral, T extends { id: number }> {
  /** Names the list and its filter: parents asking with the same name and request share one batch. */
  name: string;
  query: () => SelectQueryBuilder<E>;
  parentKey: string;
  ordering: Ordering;
  request: PageRequest;
  nodes: NodeSource<T>;
}

/** A value the loaders may hold already, or read. */
export type Awaitable<T> = T | Promise<T>;

/**
 * Per-request batching: every loader gathers the keys asked for in one tick and answers them
 * with one query, so a request runs a number of queries set by its shape, not by its rows.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<any, any>>();
  /**
   * The values the loaders of facts by id and of links hold, by loader name and key, as their DataLoader caches hold
   * them: a relation read with its owner is answered at once, without a promise, and graphql-js then completes its
   * fields without a microtask each.
   */
  private readonly held = new Map<string, { promised: Map<unknown, Promise<unknown>>; values: Map<unknown, unknown> }>();
  /** How many times the loaders have forgotten what they read. */
  private generation = 0;
  /** The fields the operation selects on each type: a relation selected on a fact is read with the fact. */
  private selected: SelectedFields = NOTHING_SELECTED;

  constructor(
    private readonly dataSource: DataSource,
    /** The lists of facts the kinds declare (KIND_INDEX.childLists): one the operation selects on a fact is read with it. */
    private readonly childLists: readonly ChildList[],
    /** When the request's time budget runs out (ms since the epoch): a batch asked for later is refused. */
    private readonly deadline = Infinity,
    private readonly budgetMs = Infinity,
  ) {}

  private memo<K, V>(name: string, batch: (keys: readonly K[]) => Promise<V[]>, holds = false): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      const promised = new Map<K, Promise<V>>();
      const values = new Map<K, V>();
      if (holds) this.held.set(name, { promised, values });
      loader = new DataLoader<K, V>(
        (keys) => {
          // Rejected, not thrown: DataLoader wraps a synchronous throw into an error of its own.
          if (this.outOfTime()) return Promise.reject(new TimeBudgetExceededError(this.budgetMs));
          if (!holds) return batch(keys);
          return batch(keys).then((rows) => {
            keys.forEach((key, index) => rows[index] instanceof Error || values.set(key, rows[index]));
            return rows;
          });
        },
        { cacheMap: promised },
      );
      this.loaders.set(name, loader);
    }
    return loader;
  }

  private outOfTime(): boolean {
    return Date.now() > this.deadline;
  }

  /** Primes the loader `name` with `value` for `key`, as read with another row, unless it has read or is reading that key. */
  private primeHeld<K, V>(name: string, loader: DataLoader<K, V>, key: K, value: V): void {
    const held = this.held.get(name)!;
    if (held.promised.has(key)) return;
    loader.prime(key, value);
    held.values.set(key, value);
  }

  /** Forgets everything read so far: after a write, what was read before it may have changed. */
  forget(): void {
    this.loaders.clear();
    this.held.clear();
    this.generation += 1;
  }

  /** Tells the loaders what the operation will ask for, before it runs. */
  lookAhead(selected: SelectedFields): void {
    this.selected = selected;
  }

  /** What the operation asks for, as told by lookAhead: a subscription's later executions ask for the same. */
  get selection(): SelectedFields {
    return this.selected;
  }

  /** The relations of `metadata` the operation selects on its type (a field named as the relation's property). */
  private embedsOf(metadata: EntityMetadata): Embed[] {
    const fields = this.selected.get(metadata.targetName);
    if (!fields) return [];
    const embeds: Embed[] = [];
    for (const link of linksOf(metadata)) if (fields.has(link.property)) embeds.push({ link, metadata: this.dataSource.getMetadata(link.type) });
    for (const reference of referencesOf(metadata)) if (fields.has(reference.property)) embeds.push({ reference, metadata: this.dataSource.getMetadata(reference.type) });
    for (const list of [...this.childLists, ...partListsOf(metadata)]) {
      if (list.owner === metadata.target && fields.has(list.field)) embeds.push({ list, metadata: this.dataSource.getMetadata(list.entity) });
    }
    return embeds;
  }

  /**
   * Entities by primary key; null for an id that matches nothing (or names a deleted fact). The relations the
   * operation selects come in the same statement, and answer the loaders that would have read them.
   */
  byId<E extends ObjectLiteral & { id: number }>(entity: EntityTarget<E>): DataLoader<number, E | null> {
    const metadata = this.dataSource.getMetadata(entity);
    return this.memo(byIdName(metadata), async (ids: readonly number[]) => {
      const embeds = this.embedsOf(metadata);
      const generation = this.generation;
      const rows = await readById<E>(this.dataSource, metadata, ids, embeds);
      const byId = new Map<number, E>();
      for (const row of rows) {
        byId.set(row.entity.id, row.entity);
        this.primeEmbedded(generation, embeds, row);
      }
      return ids.map((id) => byId.get(id) ?? null);
    }, true);
  }

  /**
   * Reads a page of `entity` with its rows, in one statement, the relations the operation selects included; the facts
   * read answer the loader by id. A fact that loader holds already is answered as the object it holds.
   */
  pageOf<E extends ObjectLiteral & { id: number }>(entity: EntityTarget<E>): NodeSource<E> {
    const inPage: PageReader<E> = async (page) => {
      if (this.outOfTime()) throw new TimeBudgetExceededError(this.budgetMs);
      const metadata = this.dataSource.getMetadata(entity);
      const embeds = this.embedsOf(metadata);
      const generation = this.generation;
      const rows = await readPage<E>(this.dataSource, metadata, page, embeds);
      const loader = this.byId(entity);
      const held = this.held.get(byIdName(metadata))!;
      return rows.map((row) => {
        if (generation === this.generation) this.primeHeld(byIdName(metadata), loader, row.entity.id, row.entity);
        this.primeEmbedded(generation, embeds, row);
        return { columns: row.columns, node: (held.values.get(row.entity.id) as E | undefined) ?? row.entity };
      });
    };
    return { inPage };
  }

  /** Answers the loaders of the relations read with a row, unless a write came after the read (forget() was called meanwhile): rows read before a write must not answer the loaders made after it. */
  private primeEmbedded(generation: number, embeds: readonly Embed[], { entity, embedded }: EmbeddedRow<ObjectLiteral>): void {
    if (generation === this.generation) embeds.forEach((embed, index) => this.prime(embed, entity, embedded[index]));
  }

  private prime(embed: Embed, owner: ObjectLiteral, embedded: ObjectLiteral[] | ObjectLiteral | null): void {
    if (embed.list) {
      this.primeHeld(childrenName(embed.list), this.children(embed.list), owner.id, embedded as ObjectLiteral[]);
      return;
    }
    const targets = this.byId(embed.metadata.target as EntityTarget<ObjectLiteral & { id: number }>);
    const targetsName = byIdName(embed.metadata);
    if (embed.link) {
      const linked = embedded as (ObjectLiteral & { id: number })[];
      for (const target of linked) this.primeHeld(targetsName, targets, target.id, target);
      this.primeHeld(linkedName(embed.link), this.linkedIds(embed.link), owner.id, linked.map((target) => target.id));
    } else if (embedded) {
      this.primeHeld(targetsName, targets, (embedded as { id: number }).id, embedded as ObjectLiteral & { id: number });
    }
  }

  /** The entity a nullable foreign key names, batched like byId; at once where it was read with its owner. */
  optional<E extends ObjectLiteral & { id: number }>(entity: EntityTarget<E>, id: number | null): Awaitable<E | null> {
    if (id === null) return null;
    const held = this.held.get(byIdName(this.dataSource.getMetadata(entity)))?.values;
    if (held?.has(id)) return held.get(id) as E | null;
    return this.byId(entity).load(id);
  }

  /** The ids at the other end of a link (Event.countries), ordered by them. */
  private linkedIds(link: Link): DataLoader<number, number[]> {
    return this.memo(linkedName(link), async (ownerIds: readonly number[]) => {
      const rows: { owner: number; target: number }[] = await this.dataSource
        .createQueryBuilder()
        .select(`"link"."${link.ownerColumn}"`, 'owner')
        .addSelect(`"link"."${link.targetColumn}"`, 'target')
        .from(link.table, 'link')
        .where(`"link"."${link.ownerColumn}" IN (:...ownerIds)`, { ownerIds: [...ownerIds] })
        .orderBy(`"link"."${link.targetColumn}"`)
        .getRawMany();
      const targets = new Map<number, number[]>(ownerIds.map((id) => [id, []]));
      for (const row of rows) targets.get(Number(row.owner))?.push(Number(row.target));
      return ownerIds.map((id) => targets.get(id)!);
    }, true);
  }

  /**
   * The facts at the other end of a link, e.g. the sources of one event (`linked(Event, 'sources', id)`); at once
   * where they were read with their owner.
   */
  linked<E extends ObjectLiteral & { id: number }>(owner: EntityTarget<ObjectLiteral>, property: string, ownerId: number): Awaitable<E[]> {
    const link = linkNamed(this.dataSource.getMetadata(owner), property);
    const ids = this.held.get(linkedName(link))?.values.get(ownerId) as number[] | undefined;
    const targets = this.held.get(byIdName(this.dataSource.getMetadata(link.type)))?.values;
    if (ids && targets && ids.every((id) => targets.has(id))) return present(ids.map((id) => targets.get(id) as E | null));
    return this.linkedLater<E>(link, ownerId);
  }

  private async linkedLater<E extends ObjectLiteral & { id: number }>(link: Link, ownerId: number): Promise<E[]> {
    const ids = await this.linkedIds(link).load(ownerId);
    return present(await this.byId<E>(link.type).loadMany(ids));
  }

  /** The rows of a child list under one owner (an event's statements), in the list's order; at once where they were read with their owner. */
  list<E extends ObjectLiteral>(list: ChildList<E>, ownerId: number): Awaitable<E[]> {
    const held = this.held.get(childrenName(list))?.values;
    if (held?.has(ownerId)) return held.get(ownerId) as E[];
    return this.children(list).load(ownerId);
  }

  private children<E extends ObjectLiteral>(list: ChildList<E>): DataLoader<number, E[]> {
    const metadata = this.dataSource.getMetadata(list.entity);
    const { column } = referenceNamed(metadata, list.property);
    return this.memo(
      childrenName(list),
      async (ownerIds: readonly number[]) => {
        const rows = await this.dataSource.getRepository(list.entity).find({ where: { [column]: In([...ownerIds]) } as never, order: list.orderBy as never });
        const byOwner = new Map<number, E[]>(ownerIds.map((id) => [id, []]));
        for (const row of rows) byOwner.get(row[column])?.push(row);
        return ownerIds.map((id) => byOwner.get(id)!);
      },
      true,
    );
  }

  nestedPage<E extends ObjectLiteral, T extends { id: number }>(parentId: number, spec: NestedPageSpec<E, T>): Promise<Page<T>> {
    const { name, query, parentKey, ordering, request, nodes } = spec;
    return this.memo(`page:${name}:${ordering.name}:${JSON.stringify(request)}`, (parentIds: readonly number[]) =>
      paginateByParent(query(), parentKey, parentIds, ordering, request, nodes),
    ).load(parentId);
  }
}

function byIdName(metadata: EntityMetadata): string {
  return `byId:${metadata.name}`;
}

function linkedName(link: Link): string {
  return `linked:${link.table}`;
}

function childrenName(list: ChildList): string {
  return `children:${list.owner.name}.${list.field}`;
}

/** Drops the ids a loader found nothing for (rows removed since the link was read). */
function present<T>(rows: (T | null | Error)[]): T[] {
  return rows.filter((row): row is T => row !== null && !(row instanceof Error));
}
