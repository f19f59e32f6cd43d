import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { Country } from '../countries/country.entity';
import { CountryService } from '../countries/country.service';
import { Event } from '../events/event.entity';
import { EventService } from '../events/event.service';
import type { Context } from '../facts/context';
import { writeMutations } from '../facts/write-mutations';
import { Organization } from '../organizations/organization.entity';
import { OrganizationService } from '../organizations/organization.service';
import type { LiveValue } from '../pubsub/live-feed';
import { ForwardPageArgs, PageArgs } from '../relay/connection';
import { Source } from '../sources/source.entity';
import { CasualtyReport, CasualtyReportConnection } from './casualty-report.entity';
import { CasualtyFilter, CreateCasualtyReportInput, UpdateCasualtyReportInput } from './casualty-report.inputs';
import { CasualtyReportService } from './casualty-report.service';

@Resolver(() => CasualtyReport)
export class CasualtyReportResolver {
  @Query(() => CasualtyReportConnection, { description: 'Casualty reports by the date they are as of.' })
  casualties(@Arg('filter', () => CasualtyFilter, { nullable: true }) filter: CasualtyFilter | null, @Args(() => PageArgs) page: PageArgs, @Ctx() { services }: Context) {
    return services.get(CasualtyReportService).list(filter, page);
  }

  @Subscription(() => CasualtyReport, {
    description: 'Every casualty report added from now on.',
    subscribe: ({ context }: SubscribeResolverData<unknown, object, Context>) => context.services.get(CasualtyReportService).reported(),
  })
  casualtyReported(@Root() report: LiveValue<CasualtyReport>): LiveValue<CasualtyReport> {
    return report;
  }

  @FieldResolver(() => Country, { description: 'Whose forces suffered the losses.' })
  country(@Root() report: CasualtyReport, @Ctx() { services }: Context) {
    return services.get(CountryService).byId(report.countryId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: "Who reports the figures (e.g. South Korea's National Intelligence Service)." })
  reportedBy(@Root() report: CasualtyReport, @Ctx() { services }: Context) {
    return services.get(OrganizationService).byId(report.reportedById);
  }

  @FieldResolver(() => Country, { nullable: true, description: 'The state that reports the figures, where a government rather than an organization reports them.' })
  reportedByCountry(@Root() report: CasualtyReport, @Ctx() { services }: Context) {
    return services.get(CountryService).byId(report.reportedByCountryId);
  }

  @FieldResolver(() => Event, { nullable: true })
  event(@Root() report: CasualtyReport, @Ctx() { services }: Context) {
    return services.get(EventService).byId(report.eventId);
  }

  @FieldResolver(() => [Source])
  sources(@Root() report: CasualtyReport, @Ctx() { services }: Context) {
    return services.get(CasualtyReportService).sources(report);
  }
}

/** Country.casualties, with the kind it lists. */
@Resolver(() => Country)
export class CountryCasualtiesResolver {
  @FieldResolver(() => CasualtyReportConnection, { description: "Reports of this country's losses." })
  casualties(@Root() country: Country, @Args(() => ForwardPageArgs) page: ForwardPageArgs, @Ctx() { services }: Context) {
    return services.get(CasualtyReportService).ofCountry(country.id, page);
  }
}

/** Event.casualties. */
@Resolver(() => Event)
export class EventCasualtiesResolver {
  @FieldResolver(() => [CasualtyReport])
  casualties(@Root() event: Event, @Ctx() { services }: Context) {
    return services.get(CasualtyReportService).ofEvent(event.id);
  }
}

export const CasualtyReportWriteMutations = writeMutations(CasualtyReport, CreateCasualtyReportInput, UpdateCasualtyReportInput, CasualtyReportService);
