import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from '../auth/auth-checker';
import { NodeResolver } from '../facts/node.resolver';
import type { KbPubSub } from '../pubsub/pubsub';
import { revisionsResolver, RevisionActorResolver, RevisionResolver } from '../revisions/revision.resolver';
import { searchResolver } from '../search/search.resolver';
import { DateTimeScalar } from '../values/scalars';
import { validateInput } from '../values/validation';
import { KIND_INDEX, KINDS } from './kinds';

/** type-graphql insists on a pub/sub for subscriptions, although ours read theirs from the LiveFeed. */
export function buildKbSchema(pubSub: KbPubSub): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [
      NodeResolver,
      searchResolver(KIND_INDEX.searchableEntities()),
      RevisionResolver,
      RevisionActorResolver,
      ...KINDS.flatMap((kind) => [...kind.resolvers, revisionsResolver(kind.entity)]),
    ],
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validateFn: validateInput,
    authChecker,
    pubSub,
  });
}

/** The SDL committed as schema.graphql: sorted, so that a diff shows only real changes. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
