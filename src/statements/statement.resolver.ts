import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { Country } from '../countries/country.entity';
import { CountryService } from '../countries/country.service';
import { Event } from '../events/event.entity';
import { EventService } from '../events/event.service';
import type { Context } from '../facts/context';
import { writeMutations } from '../facts/write-mutations';
import { Official } from '../officials/official.entity';
import { OfficialService } from '../officials/official.service';
import { Organization } from '../organizations/organization.entity';
import { OrganizationService } from '../organizations/organization.service';
import type { LiveValue } from '../pubsub/live-feed';
import { ForwardPageArgs, PageArgs } from '../relay/connection';
import { Source } from '../sources/source.entity';
import { Statement, StatementConnection } from './statement.entity';
import { CreateStatementInput, StatementFilter, UpdateStatementInput } from './statement.inputs';
import { StatementService } from './statement.service';

@Resolver(() => Statement)
export class StatementResolver {
  @Query(() => StatementConnection, { description: 'Statements by date.' })
  statements(@Arg('filter', () => StatementFilter, { nullable: true }) filter: StatementFilter | null, @Args(() => PageArgs) page: PageArgs, @Ctx() { services }: Context) {
    return services.get(StatementService).list(filter, page);
  }

  @Subscription(() => Statement, {
    description: 'Every statement added from now on.',
    subscribe: ({ context }: SubscribeResolverData<unknown, object, Context>) => context.services.get(StatementService).added(),
  })
  statementAdded(@Root() statement: LiveValue<Statement>): LiveValue<Statement> {
    return statement;
  }

  @FieldResolver(() => Official, { nullable: true })
  speaker(@Root() statement: Statement, @Ctx() { services }: Context) {
    return services.get(OfficialService).byId(statement.speakerId);
  }

  @FieldResolver(() => Country, { nullable: true })
  country(@Root() statement: Statement, @Ctx() { services }: Context) {
    return services.get(CountryService).byId(statement.countryId);
  }

  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() statement: Statement, @Ctx() { services }: Context) {
    return services.get(OrganizationService).byId(statement.organizationId);
  }

  @FieldResolver(() => Event, { nullable: true })
  event(@Root() statement: Statement, @Ctx() { services }: Context) {
    return services.get(EventService).byId(statement.eventId);
  }

  @FieldResolver(() => [Source])
  sources(@Root() statement: Statement, @Ctx() { services }: Context) {
    return services.get(StatementService).sources(statement);
  }
}

/** Country.statements, with the kind it lists. */
@Resolver(() => Country)
export class CountryStatementsResolver {
  @FieldResolver(() => StatementConnection, { description: 'Statements made on behalf of this country.' })
  statements(@Root() country: Country, @Args(() => ForwardPageArgs) page: ForwardPageArgs, @Ctx() { services }: Context) {
    return services.get(StatementService).of('countryId', country.id, page);
  }
}

/** Official.statements. */
@Resolver(() => Official)
export class OfficialStatementsResolver {
  @FieldResolver(() => StatementConnection, { description: 'What this official said, by date.' })
  statements(@Root() official: Official, @Args(() => ForwardPageArgs) page: ForwardPageArgs, @Ctx() { services }: Context) {
    return services.get(StatementService).of('speakerId', official.id, page);
  }
}

/** Event.statements. */
@Resolver(() => Event)
export class EventStatementsResolver {
  @FieldResolver(() => [Statement])
  statements(@Root() event: Event, @Ctx() { services }: Context) {
    return services.get(StatementService).ofEvent(event.id);
  }
}

export const StatementWriteMutations = writeMutations(Statement, CreateStatementInput, UpdateStatementInput, StatementService);
