import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { ForwardPageArgs, PageArgs } from '../common/connection';
import type { Context } from '../context';
import { writeMutations } from '../revisions/write-mutations';
import { CasualtyReportConnection } from '../casualties/casualty-report.entity';
import { EventConnection } from '../events/event.entity';
import { EventFilter } from '../events/event.inputs';
import { OfficialConnection } from '../officials/official.entity';
import { StatementConnection } from '../statements/statement.entity';
import { Country, CountryConnection } from './country.entity';
import { CountryFilter, CreateCountryInput, UpdateCountryInput } from './country.inputs';

@Resolver(() => Country)
export class CountryResolver {
  @Query(() => CountryConnection, { description: 'Countries by name.' })
  countries(@Arg('filter', () => CountryFilter, { nullable: true }) filter: CountryFilter | null, @Args(() => PageArgs) page: PageArgs, @Ctx() { services }: Context) {
    return services.countries.list(filter, page);
  }

  @FieldResolver(() => OfficialConnection)
  officials(@Root() country: Country, @Args(() => ForwardPageArgs) page: ForwardPageArgs, @Ctx() { services }: Context) {
    return services.officials.ofCountry(country.id, page);
  }

  @FieldResolver(() => EventConnection)
  events(
    @Root() country: Country,
    @Arg('filter', () => EventFilter, { nullable: true }) filter: EventFilter | null,
    @Args(() => ForwardPageArgs) page: ForwardPageArgs,
    @Ctx() { services }: Context,
  ) {
    return services.events.ofCountry(country.id, filter, page);
  }

  @FieldResolver(() => StatementConnection, { description: 'Statements made on behalf of this country.' })
  statements(@Root() country: Country, @Args(() => ForwardPageArgs) page: ForwardPageArgs, @Ctx() { services }: Context) {
    return services.statements.of('countryId', country.id, page);
  }

  @FieldResolver(() => CasualtyReportConnection, { description: "Reports of this country's losses." })
  casualties(@Root() country: Country, @Args(() => ForwardPageArgs) page: ForwardPageArgs, @Ctx() { services }: Context) {
    return services.casualties.ofCountry(country.id, page);
  }
}

export const CountryWriteMutations = writeMutations('Country', Country, CreateCountryInput, UpdateCountryInput, (services) => services.countries);
