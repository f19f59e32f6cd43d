import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../common/connection';
import type { Context } from '../context';
import { writeMutations } from '../revisions/write-mutations';
import { Country } from '../countries/country.entity';
import { Organization, OrganizationConnection } from './organization.entity';
import { CreateOrganizationInput, OrganizationFilter, UpdateOrganizationInput } from './organization.inputs';

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => OrganizationConnection, { description: 'Organizations by name.' })
  organizations(
    @Arg('filter', () => OrganizationFilter, { nullable: true }) filter: OrganizationFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { services }: Context,
  ) {
    return services.organizations.list(filter, page);
  }

  @FieldResolver(() => Country, { nullable: true, description: 'The state it belongs to, if any (NIS -> South Korea; NATO -> null).' })
  country(@Root() organization: Organization, @Ctx() { services }: Context) {
    return services.countries.byId(organization.countryId);
  }
}

export const OrganizationWriteMutations = writeMutations('Organization', Organization, CreateOrganizationInput, UpdateOrganizationInput, (services) => services.organizations);
