import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import type { GraphQLUnionType } from 'graphql';

@ObjectType()
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field() hasPreviousPage: boolean;
  @Field(() => String, { nullable: true }) startCursor: string | null;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** One page of a list; `totalCount` is counted only when a client asks for it, and once however often it asks. */
export class Page<T> {
  private counted?: Promise<number>;

  constructor(
    readonly edges: Edge<T>[],
    readonly pageInfo: PageInfo,
    private readonly countTotal: () => Promise<number>,
  ) {}

  get nodes(): T[] {
    return this.edges.map((edge) => edge.node);
  }

  get totalCount(): Promise<number> {
    return (this.counted ??= this.countTotal());
  }
}

@ArgsType()
export class ForwardPageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size forward, 0 to 100 (20 when neither first nor last is given).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor.' })
  after?: string | null;
}

@ArgsType()
export class PageArgs extends ForwardPageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size backward, 0 to 100.' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items before this cursor.' })
  before?: string | null;
}

export interface PageRequest {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** Declares the Relay `<Name>Edge` and `<Name>Connection` types for a node type or union. */
export function connectionType<T extends object>(name: string, nodeType: ClassType<T> | GraphQLUnionType | object) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String) cursor: string;
    @Field(() => nodeType) node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType]) edges: EdgeType[];
    @Field(() => [nodeType]) nodes: T[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int) totalCount: number;
  }

  return ConnectionType;
}
