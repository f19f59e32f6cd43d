import type { EntityMetadata, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { RelationMetadata } from 'typeorm/metadata/RelationMetadata';
import { whereIdsIn } from '../relay/filters';

/**
 * The relations between facts are declared once, on the entities (`@ManyToOne`, `@ManyToMany` with `@JoinTable`,
 * `@OneToMany`); everything else reads them here: the write path's reference checks, link writes, revision
 * snapshots and dependents, the filters and the loaders. Nothing here loads a relation through TypeORM: the
 * declarations give table and column names, and the SQL stays plain.
 */

/** A column that holds the id of another fact: Statement.speakerId names an Official. */
export interface Reference {
  property: string;
  column: string;
  /** The GraphQL type (the entity's class name) of the fact it names. */
  type: string;
}

/** A many-to-many list kept in a link table: Event.countries in event_countries. */
export interface Link {
  property: string;
  /** The name inputs and revisions give the list: its target column, plural (countryIds). */
  field: string;
  table: string;
  ownerColumn: string;
  targetColumn: string;
  type: string;
}

/** Rows of an entity that is not a fact and belongs to one, written and recorded with it: an event's figures. */
export interface Part {
  property: string;
  metadata: EntityMetadata;
  column: string;
}

/**
 * A list of rows under a fact, as a field of the fact's type: the rows of `entity` whose reference `property` names
 * the owner, in `orderBy` order (Event.statements: the statements whose `event` is the event, by date). A list of
 * facts is declared by the kind whose facts it lists, since the owner's entity cannot name a kind that comes after
 * it; a fact's parts (Event.figures) are the entity's own `@OneToMany` (`partListsOf`).
 */
export interface ChildList<E extends ObjectLiteral = ObjectLiteral> {
  owner: Function;
  field: string;
  entity: EntityTarget<E>;
  property: string;
  orderBy: Readonly<Record<string, 'ASC' | 'DESC'>>;
}

/** The order a fact's parts are kept in, written, recorded and read: as they were given. */
export const PART_ORDER: ChildList['orderBy'] = { id: 'ASC' };

const partLists = new WeakMap<EntityMetadata, ChildList[]>();

/** A fact's parts as child lists (Event.figures: the figures whose `event` is the event), in PART_ORDER. */
export function partListsOf(metadata: EntityMetadata): ChildList[] {
  let lists = partLists.get(metadata);
  if (!lists) {
    lists = partRelationsOf(metadata).map((part) => ({ owner: metadata.target as Function, field: part.propertyName, entity: part.inverseEntityMetadata.target, property: part.inverseRelation!.propertyName, orderBy: PART_ORDER }));
    partLists.set(metadata, lists);
  }
  return lists;
}

/** The part list `property` of a fact (Event.figures), of the part's entity E. */
export function partListNamed<E extends ObjectLiteral>(metadata: EntityMetadata, property: string): ChildList<E> {
  const found = partListsOf(metadata).find((list) => list.field === property);
  if (!found) throw new Error(`${metadata.targetName} has no parts "${property}"`);
  return found as ChildList<E>;
}

/** The column of a child list's rows that names their owner, and its order over those rows' columns, in SQL, as `alias`. */
export function childColumns(list: ChildList, metadata: EntityMetadata, alias: string): { column: string; orderSql: string } {
  const orderSql = Object.entries(list.orderBy)
    .map(([property, direction]) => {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new Error(`${metadata.targetName} has no column "${property}" to order ${list.field} by`);
      return `"${alias}"."${column.databaseName}" ${direction}`;
    })
    .join(', ');
  return { column: referenceNamed(metadata, list.property).column, orderSql };
}

/** Live facts that point at a fact, by a column or through a link table: they keep it from being deleted. */
export interface Dependent {
  label: string;
  table: string;
  column: string;
  via?: { table: string; ownerColumn: string };
}

function relation(metadata: EntityMetadata, property: string): RelationMetadata {
  const found = metadata.findRelationWithPropertyPath(property);
  if (!found) throw new Error(`${metadata.targetName} declares no relation "${property}"`);
  return found;
}

function referenceOf(relationMetadata: RelationMetadata): Reference {
  return { property: relationMetadata.propertyName, column: relationMetadata.joinColumns[0].databaseName, type: relationMetadata.inverseEntityMetadata.targetName };
}

function linkOf(relationMetadata: RelationMetadata): Link {
  const targetColumn = relationMetadata.inverseJoinColumns[0].databaseName;
  return {
    property: relationMetadata.propertyName,
    field: `${targetColumn}s`,
    table: relationMetadata.junctionEntityMetadata!.tableName,
    ownerColumn: relationMetadata.joinColumns[0].databaseName,
    targetColumn,
    type: relationMetadata.inverseEntityMetadata.targetName,
  };
}

const named = new WeakMap<EntityMetadata, Map<string, Reference | Link>>();

/** What `property` of an entity is, read once per entity and property: the loaders and filters ask on every request. */
function once<T extends Reference | Link>(metadata: EntityMetadata, key: string, read: () => T): T {
  let byKey = named.get(metadata);
  if (!byKey) named.set(metadata, (byKey = new Map()));
  let found = byKey.get(key) as T | undefined;
  if (!found) byKey.set(key, (found = read()));
  return found;
}

export function referenceNamed(metadata: EntityMetadata, property: string): Reference {
  return once(metadata, `reference:${property}`, () => {
    const found = relation(metadata, property);
    if (!found.isManyToOne) throw new Error(`${metadata.targetName}.${property} is not a reference (many-to-one)`);
    return referenceOf(found);
  });
}

export function linkNamed(metadata: EntityMetadata, property: string): Link {
  return once(metadata, `link:${property}`, () => {
    const found = relation(metadata, property);
    if (!found.isManyToMany || !found.isOwning) throw new Error(`${metadata.targetName}.${property} is not a link (many-to-many with a join table)`);
    return linkOf(found);
  });
}

export function referencesOf(metadata: EntityMetadata): Reference[] {
  return metadata.manyToOneRelations.map(referenceOf);
}

export function linksOf(metadata: EntityMetadata): Link[] {
  return metadata.ownerManyToManyRelations.map(linkOf);
}

/** A fact's parts: its one-to-many relations to entities that are not facts (they have no deletion date). */
function partRelationsOf(metadata: EntityMetadata): RelationMetadata[] {
  return metadata.oneToManyRelations.filter((part) => !part.inverseEntityMetadata.deleteDateColumn);
}

/** The one-to-many relations to entities that are not facts (they have no deletion date): a fact's own rows. */
export function partsOf(metadata: EntityMetadata): Part[] {
  return partRelationsOf(metadata).map((part) => ({ property: part.propertyName, metadata: part.inverseEntityMetadata, column: part.inverseRelation!.joinColumns[0].databaseName }));
}

/** Words for a table or property: casualty_reports, reportedByCountry → "casualty reports", "reported by country". */
export function inWords(name: string): string {
  return name
    .replace(/_/g, ' ')
    .replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`)
    .trim();
}

/**
 * The facts of `facts` (entities with a deletion date) that point at `metadata`'s facts. A kind that points at it
 * in more than one way names the way: "events (location country)", "events (countries)".
 */
export function dependentsOf(metadata: EntityMetadata, facts: readonly EntityMetadata[]): Dependent[] {
  return facts.flatMap((owner) => {
    const pointing = [...owner.manyToOneRelations, ...owner.ownerManyToManyRelations].filter((candidate) => candidate.inverseEntityMetadata === metadata);
    const label = (property: string) => (pointing.length > 1 ? `${inWords(owner.tableName)} (${inWords(property)})` : inWords(owner.tableName));
    return pointing.map((pointer): Dependent => {
      if (pointer.isManyToOne) return { label: label(pointer.propertyName), table: owner.tableName, column: referenceOf(pointer).column };
      const link = linkOf(pointer);
      return { label: label(pointer.propertyName), table: owner.tableName, column: link.targetColumn, via: { table: link.table, ownerColumn: link.ownerColumn } };
    });
  });
}

function mainMetadata<E extends ObjectLiteral>(query: SelectQueryBuilder<E>): EntityMetadata {
  return query.expressionMap.mainAlias!.metadata;
}

/**
 * What a filtered query is for, which decides how a filter on a link reads the link table. No one shape serves both
 * on SQLite (measured at 100,000 events, one country of 20,000 and two years): a page walks the rows in its order's
 * index and checks each row's links (`EXISTS`), stopping at the page's end (0.3 ms, where the other shape reads every
 * event of the country and sorts them: 23 ms); a count reads the country's links through their index and each event
 * by id (17 ms, where checking every row of the two years takes 123 ms).
 */
export type FilterPurpose = 'paging' | 'counting';

/**
 * Keeps the rows of `query` whose relation `property` names any of `globalIds` (the filter `countryIds` on events
 * reads Event.countries); an empty list matches nothing, a left-out one everything. IDs of another type are refused.
 */
export function whereRelatedIn<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
  property: string,
  globalIds: readonly string[] | null | undefined,
  argumentName: string,
  purpose: FilterPurpose = 'paging',
): SelectQueryBuilder<E> {
  const metadata = mainMetadata(query);
  const alias = query.alias;
  if (relation(metadata, property).isManyToOne) {
    const reference = referenceNamed(metadata, property);
    return whereIdsIn(query, globalIds, reference.type, argumentName, (ids) => `"${alias}"."${reference.column}" IN ${ids}`);
  }
  const link = linkNamed(metadata, property);
  return whereIdsIn(query, globalIds, link.type, argumentName, (ids) =>
    purpose === 'counting'
      ? `"${alias}"."id" IN (SELECT "${link.ownerColumn}" FROM "${link.table}" WHERE "${link.targetColumn}" IN ${ids})`
      : `EXISTS (SELECT 1 FROM "${link.table}" "linked" WHERE "linked"."${link.ownerColumn}" = "${alias}"."id" AND "linked"."${link.targetColumn}" IN ${ids})`,
  );
}
