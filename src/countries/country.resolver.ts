import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../facts/context';
import { writeMutations } from '../facts/write-mutations';
import { PageArgs } from '../relay/connection';
import { Country, CountryConnection } from './country.entity';
import { CountryFilter, CreateCountryInput, UpdateCountryInput } from './country.inputs';
import { CountryService } from './country.service';

/** Country's own fields; its officials, events, statements and casualties are declared by the kinds they list. */
@Resolver(() => Country)
export class CountryResolver {
  @Query(() => CountryConnection, { description: 'Countries by name.' })
  countries(@Arg('filter', () => CountryFilter, { nullable: true }) filter: CountryFilter | null, @Args(() => PageArgs) page: PageArgs, @Ctx() { services }: Context) {
    return services.get(CountryService).list(filter, page);
  }
}

export const CountryWriteMutations = writeMutations(Country, CreateCountryInput, UpdateCountryInput, CountryService);
