import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './auth/auth-checker';
import { validateInput } from './common/validation';
import type { KbPubSub } from './pubsub/pubsub';
import { REVISIONS_FIELD_RESOLVERS, RevisionActorResolver, RevisionResolver } from './revisions/revision.resolver';
import { CasualtyReportResolver, CasualtyReportWriteMutations } from './casualties/casualty-report.resolver';
import { DateTimeScalar } from './common/scalars';
import { CountryResolver, CountryWriteMutations } from './countries/country.resolver';
import { EventResolver, EventWriteMutations, LocationResolver } from './events/event.resolver';
import { NodeResolver } from './node/node.resolver';
import { OfficialResolver, OfficialWriteMutations } from './officials/official.resolver';
import { OrganizationResolver, OrganizationWriteMutations } from './organizations/organization.resolver';
import { SearchResolver } from './search/search.resolver';
import { SourceResolver, SourceWriteMutations } from './sources/source.resolver';
import { StatementResolver, StatementWriteMutations } from './statements/statement.resolver';

/** type-graphql insists on a pub/sub for subscriptions, although ours read theirs from the LiveFeed. */
export function buildKbSchema(pubSub: KbPubSub): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [
      NodeResolver,
      CountryResolver,
      OrganizationResolver,
      OfficialResolver,
      EventResolver,
      LocationResolver,
      CasualtyReportResolver,
      StatementResolver,
      SourceResolver,
      SearchResolver,
      RevisionResolver,
      RevisionActorResolver,
      ...REVISIONS_FIELD_RESOLVERS,
      CountryWriteMutations,
      OrganizationWriteMutations,
      OfficialWriteMutations,
      SourceWriteMutations,
      StatementWriteMutations,
      CasualtyReportWriteMutations,
      EventWriteMutations,
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
