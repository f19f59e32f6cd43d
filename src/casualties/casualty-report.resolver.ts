import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { PageArgs } from '../common/connection';
import type { Context } from '../context';
import { writeMutations } from '../revisions/write-mutations';
import { Country } from '../countries/country.entity';
import { Event } from '../events/event.entity';
import { Organization } from '../organizations/organization.entity';
import { Source } from '../sources/source.entity';
import { CasualtyReport, CasualtyReportConnection } from './casualty-report.entity';
import type { LiveValue } from '../pubsub/live-feed';
import { CasualtyFilter, CreateCasualtyReportInput, UpdateCasualtyReportInput } from './casualty-report.inputs';

@Resolver(() => CasualtyReport)
export class CasualtyReportResolver {
  @Query(() => CasualtyReportConnection, { description: 'Casualty reports by the date they are as of.' })
  casualties(@Arg('filter', () => CasualtyFilter, { nullable: true }) filter: CasualtyFilter | null, @Args(() => PageArgs) page: PageArgs, @Ctx() { services }: Context) {
    return services.casualties.list(filter, page);
  }

  @Subscription(() => CasualtyReport, { description: 'Every casualty report added from now on.', subscribe: ({ context }: SubscribeResolverData<unknown, object, Context>) => context.feed.casualtyReported() })
  casualtyReported(@Root() report: LiveValue<CasualtyReport>): LiveValue<CasualtyReport> {
    return report;
  }

  @FieldResolver(() => Country, { description: 'Whose forces suffered the losses.' })
  country(@Root() report: CasualtyReport, @Ctx() { services }: Context) {
    return services.countries.byId(report.countryId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: "Who reports the figures (e.g. South Korea's National Intelligence Service)." })
  reportedBy(@Root() report: CasualtyReport, @Ctx() { services }: Context) {
    return services.organizations.byId(report.reportedById);
  }

  @FieldResolver(() => Country, { nullable: true, description: 'The state that reports the figures, where a government rather than an organization reports them.' })
  reportedByCountry(@Root() report: CasualtyReport, @Ctx() { services }: Context) {
    return services.countries.byId(report.reportedByCountryId);
  }

  @FieldResolver(() => Event, { nullable: true })
  event(@Root() report: CasualtyReport, @Ctx() { services }: Context) {
    return services.events.byId(report.eventId);
  }

  @FieldResolver(() => [Source])
  sources(@Root() report: CasualtyReport, @Ctx() { services }: Context) {
    return services.casualties.sources(report);
  }
}

export const CasualtyReportWriteMutations = writeMutations('CasualtyReport', CasualtyReport, CreateCasualtyReportInput, UpdateCasualtyReportInput, (services) => services.casualties);
