import type { DataSource, EntityMetadata } from 'typeorm';
import type { ChildList } from '../db/relations';
import { fromGlobalId } from '../relay/global-id';
import type { NodeClass } from './node';
import type { RevisionAction } from './revision.entity';

/** What the generic rooms need to know of a kind of fact. */
export interface KindEntry {
  /** Its class name is the GraphQL type, the type in its global IDs and in its revisions. */
  entity: NodeClass;
  /** Entities that are not facts and are stored with it (an event's figures). */
  parts?: Function[];
  /** Its code in the search index, where it is searchable: the SearchIndex migration wrote it into the triggers. */
  searchCode?: number;
  /** The live-feed topic each change of it is published on, where one is. */
  topics?: Partial<Record<RevisionAction, string>>;
  /** The lists of its rows it adds as fields to a kind they belong to (Event.statements), read with their owner where selected. */
  lists?: readonly ChildList[];
}

/** The kinds the application registers, looked up by what the generic rooms meet: a type name, a search code. */
export class KindIndex {
  private readonly byType: ReadonlyMap<string, KindEntry>;
  private readonly bySearchCode: ReadonlyMap<number, KindEntry>;
  /** The node types: the type names a global ID may carry. */
  readonly types: ReadonlySet<string>;
  private readonly storage: ReadonlyMap<string, string>;
  /** Every kind's child lists. */
  readonly childLists: readonly ChildList[];

  constructor(readonly kinds: readonly KindEntry[]) {
    this.byType = new Map(kinds.map((kind) => [kind.entity.name, kind]));
    this.bySearchCode = new Map(kinds.filter((kind) => kind.searchCode !== undefined).map((kind) => [kind.searchCode!, kind]));
    this.types = new Set(this.byType.keys());
    this.storage = new Map(kinds.flatMap((kind) => [kind.entity, ...(kind.parts ?? [])].map((stored) => [stored.name, kind.entity.name] as const)));
    this.childLists = kinds.flatMap((kind) => kind.lists ?? []);
  }

  /** The entity of a node type. */
  entity(type: string): NodeClass {
    const kind = this.byType.get(type);
    if (!kind) throw new Error(`${type} is not a kind this application registers`);
    return kind.entity;
  }

  /** The entity and row id a global ID names; BAD_USER_INPUT for anything that is not the ID of a node. */
  decode(globalId: string, argumentName = 'id'): { entity: NodeClass; type: string; id: number } {
    const { type, id } = fromGlobalId(globalId, this.types, argumentName);
    return { entity: this.entity(type), type, id };
  }

  /** The kind whose facts a type's objects are stored with: its own for a kind, the owner's for a part; undefined for any other. */
  storedWith(type: string): string | undefined {
    return this.storage.get(type);
  }

  searchCode(entity: NodeClass): number {
    const code = this.byType.get(entity.name)?.searchCode;
    if (code === undefined) throw new Error(`${entity.name} is not searchable`);
    return code;
  }

  /** The entity of the rows of the search index with this code. */
  searchable(code: number): NodeClass {
    return this.bySearchCode.get(code)!.entity;
  }

  searchableEntities(): NodeClass[] {
    return [...this.bySearchCode.values()].map((kind) => kind.entity);
  }

  topic(type: string, action: RevisionAction): string | undefined {
    return this.byType.get(type)?.topics?.[action];
  }

  /** The entity metadata of every kind (the facts that may depend on one another). */
  metadata(dataSource: DataSource): EntityMetadata[] {
    return this.kinds.map((kind) => dataSource.getMetadata(kind.entity));
  }
}
