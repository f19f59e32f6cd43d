import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { PageArgs } from '../common/connection';
import type { Context } from '../context';
import { writeMutations } from '../revisions/write-mutations';
import { Country } from '../countries/country.entity';
import { Event } from '../events/event.entity';
import { Official } from '../officials/official.entity';
import { Organization } from '../organizations/organization.entity';
import { Source } from '../sources/source.entity';
import { Statement, StatementConnection } from './statement.entity';
import type { LiveValue } from '../pubsub/live-feed';
import { CreateStatementInput, StatementFilter, UpdateStatementInput } from './statement.inputs';

@Resolver(() => Statement)
export class StatementResolver {
  @Query(() => StatementConnection, { description: 'Statements by date.' })
  statements(@Arg('filter', () => StatementFilter, { nullable: true }) filter: StatementFilter | null, @Args(() => PageArgs) page: PageArgs, @Ctx() { services }: Context) {
    return services.statements.list(filter, page);
  }

  @Subscription(() => Statement, { description: 'Every statement added from now on.', subscribe: ({ context }: SubscribeResolverData<unknown, object, Context>) => context.feed.statementAdded() })
  statementAdded(@Root() statement: LiveValue<Statement>): LiveValue<Statement> {
    return statement;
  }

  @FieldResolver(() => Official, { nullable: true })
  speaker(@Root() statement: Statement, @Ctx() { services }: Context) {
    return services.officials.byId(statement.speakerId);
  }

  @FieldResolver(() => Country, { nullable: true })
  country(@Root() statement: Statement, @Ctx() { services }: Context) {
    return services.countries.byId(statement.countryId);
  }

  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() statement: Statement, @Ctx() { services }: Context) {
    return services.organizations.byId(statement.organizationId);
  }

  @FieldResolver(() => Event, { nullable: true })
  event(@Root() statement: Statement, @Ctx() { services }: Context) {
    return services.events.byId(statement.eventId);
  }

  @FieldResolver(() => [Source])
  sources(@Root() statement: Statement, @Ctx() { services }: Context) {
    return services.statements.sources(statement);
  }
}

export const StatementWriteMutations = writeMutations('Statement', Statement, CreateStatementInput, UpdateStatementInput, (services) => services.statements);
