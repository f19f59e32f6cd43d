import type { KindEntry } from './kind-index';
import type { Node, NodeClass } from './node';
import type { ServiceClass } from './services';

/** What the seed gives a kind's mapping: the global ID of the seed entry with a key, of the kind of `entity`. */
export interface SeedRefs {
  one(entity: NodeClass, key: string): string;
  optional(entity: NodeClass, key: string | null): string | null;
  many(entity: NodeClass, keys: readonly string[]): string[];
}

/** A kind's seed: its entries (each with a key, never changed once released) and how an entry becomes a create input. */
export interface SeedSpec<Entry extends { key: string }, Input extends object> {
  entries: readonly Entry[];
  input(entry: Entry, refs: SeedRefs): Input;
}

/** What creates a kind's facts: the seed calls it as the create mutation does. */
export interface FactCreator<E extends Node, Input> {
  create(input: Input): Promise<E>;
}

/**
 * One kind of fact, as its folder describes it to the application: everything the lists of kinds (entities,
 * resolvers, node types, search, topics, seed order) are made from. The relations are the entity's own; the lists of
 * its facts under a kind before it (`lists`) are declared here, since that kind's entity cannot name it.
 */
export interface FactKind<E extends Node = Node, Input extends object = object, Entry extends { key: string } = { key: string }> extends KindEntry {
  entity: NodeClass<E>;
  service: ServiceClass<FactCreator<E, Input>>;
  /** Its queries, fields, mutations and subscriptions, and the fields it adds to the kinds it refers to. */
  resolvers: Function[];
  seed: SeedSpec<Entry, Input>;
}

/** Declares a kind, checking that its seed mapping yields what its service creates from. */
export function defineKind<E extends Node, Input extends object, Entry extends { key: string }>(kind: FactKind<E, Input, Entry>): FactKind<E, Input, Entry> {
  return kind;
}
