import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Country } from '../countries/country.entity';
import { CountryService } from '../countries/country.service';
import type { Context } from '../facts/context';
import { writeMutations } from '../facts/write-mutations';
import { Organization } from '../organizations/organization.entity';
import { OrganizationService } from '../organizations/organization.service';
import { ForwardPageArgs, PageArgs } from '../relay/connection';
import { Official, OfficialConnection } from './official.entity';
import { CreateOfficialInput, OfficialFilter, UpdateOfficialInput } from './official.inputs';
import { OfficialService } from './official.service';

@Resolver(() => Official)
export class OfficialResolver {
  @Query(() => OfficialConnection, { description: 'Officials by name.' })
  officials(@Arg('filter', () => OfficialFilter, { nullable: true }) filter: OfficialFilter | null, @Args(() => PageArgs) page: PageArgs, @Ctx() { services }: Context) {
    return services.get(OfficialService).list(filter, page);
  }

  @FieldResolver(() => Country, { nullable: true })
  country(@Root() official: Official, @Ctx() { services }: Context) {
    return services.get(CountryService).byId(official.countryId);
  }

  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() official: Official, @Ctx() { services }: Context) {
    return services.get(OrganizationService).byId(official.organizationId);
  }
}

/** Country.officials: the officials of a country, with the kind it lists. */
@Resolver(() => Country)
export class CountryOfficialsResolver {
  @FieldResolver(() => OfficialConnection)
  officials(@Root() country: Country, @Args(() => ForwardPageArgs) page: ForwardPageArgs, @Ctx() { services }: Context) {
    return services.get(OfficialService).ofCountry(country.id, page);
  }
}

export const OfficialWriteMutations = writeMutations(Official, CreateOfficialInput, UpdateOfficialInput, OfficialService);
