import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Country } from '../countries/country.entity';
import { CountryService } from '../countries/country.service';
import type { Context } from '../facts/context';
import { writeMutations } from '../facts/write-mutations';
import { PageArgs } from '../relay/connection';
import { Organization, OrganizationConnection } from './organization.entity';
import { CreateOrganizationInput, OrganizationFilter, UpdateOrganizationInput } from './organization.inputs';
import { OrganizationService } from './organization.service';

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => OrganizationConnection, { description: 'Organizations by name.' })
  organizations(
    @Arg('filter', () => OrganizationFilter, { nullable: true }) filter: OrganizationFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { services }: Context,
  ) {
    return services.get(OrganizationService).list(filter, page);
  }

  @FieldResolver(() => Country, { nullable: true, description: 'The state it belongs to, if any (NIS -> South Korea; NATO -> null).' })
  country(@Root() organization: Organization, @Ctx() { services }: Context) {
    return services.get(CountryService).byId(organization.countryId);
  }
}

export const OrganizationWriteMutations = writeMutations(Organization, CreateOrganizationInput, UpdateOrganizationInput, OrganizationService);
