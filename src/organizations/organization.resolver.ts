import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../common/connection';
import type { Context } from '../context';
import { Country } from '../countries/country.entity';
import { Organization, OrganizationConnection } from './organization.entity';
import { CreateOrganizationInput, OrganizationFilter, UpdateOrganizationInput } from './organization.inputs';

@Resolver(() => Organization)
export class OrganizationResolver {
  @Authorized('editor')
  @Mutation(() => Organization)
  createOrganization(@Arg('input', () => CreateOrganizationInput) input: CreateOrganizationInput, @Ctx() { services }: Context) {
    return services.organizations.create(input);
  }

  @Authorized('editor')
  @Mutation(() => Organization)
  updateOrganization(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateOrganizationInput) input: UpdateOrganizationInput, @Ctx() { services }: Context) {
    return services.organizations.update(id, input);
  }

  @Authorized('editor')
  @Mutation(() => ID, { description: 'Deletes (tombstones) the Organization; refused with CONFLICT while live facts refer to it. Returns its ID.' })
  deleteOrganization(@Arg('id', () => ID) id: string, @Ctx() { services }: Context) {
    return services.organizations.remove(id);
  }

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
