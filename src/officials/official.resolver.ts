import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { ForwardPageArgs, PageArgs } from '../common/connection';
import type { Context } from '../context';
import { writeMutations } from '../revisions/write-mutations';
import { Country } from '../countries/country.entity';
import { EventConnection } from '../events/event.entity';
import { EventFilter } from '../events/event.inputs';
import { Organization } from '../organizations/organization.entity';
import { StatementConnection } from '../statements/statement.entity';
import { Official, OfficialConnection } from './official.entity';
import { CreateOfficialInput, OfficialFilter, UpdateOfficialInput } from './official.inputs';

@Resolver(() => Official)
export class OfficialResolver {
  @Query(() => OfficialConnection, { description: 'Officials by name.' })
  officials(@Arg('filter', () => OfficialFilter, { nullable: true }) filter: OfficialFilter | null, @Args(() => PageArgs) page: PageArgs, @Ctx() { services }: Context) {
    return services.officials.list(filter, page);
  }

  @FieldResolver(() => Country, { nullable: true })
  country(@Root() official: Official, @Ctx() { services }: Context) {
    return services.countries.byId(official.countryId);
  }

  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() official: Official, @Ctx() { services }: Context) {
    return services.organizations.byId(official.organizationId);
  }

  @FieldResolver(() => StatementConnection, { description: 'What this official said, by date.' })
  statements(@Root() official: Official, @Args(() => ForwardPageArgs) page: ForwardPageArgs, @Ctx() { services }: Context) {
    return services.statements.of('speakerId', official.id, page);
  }

  @FieldResolver(() => EventConnection)
  events(
    @Root() official: Official,
    @Arg('filter', () => EventFilter, { nullable: true }) filter: EventFilter | null,
    @Args(() => ForwardPageArgs) page: ForwardPageArgs,
    @Ctx() { services }: Context,
  ) {
    return services.events.ofOfficial(official.id, filter, page);
  }
}

export const OfficialWriteMutations = writeMutations('Official', Official, CreateOfficialInput, UpdateOfficialInput, (services) => services.officials);
