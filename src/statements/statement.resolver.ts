import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../common/connection';
import type { Context } from '../context';
import { Country } from '../countries/country.entity';
import { Event } from '../events/event.entity';
import { Official } from '../officials/official.entity';
import { Organization } from '../organizations/organization.entity';
import { Source } from '../sources/source.entity';
import { Statement, StatementConnection } from './statement.entity';
import { StatementFilter } from './statement.inputs';

@Resolver(() => Statement)
export class StatementResolver {
  @Query(() => StatementConnection, { description: 'Statements by date.' })
  statements(@Arg('filter', () => StatementFilter, { nullable: true }) filter: StatementFilter | null, @Args(() => PageArgs) page: PageArgs, @Ctx() { services }: Context) {
    return services.statements.list(filter, page);
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
