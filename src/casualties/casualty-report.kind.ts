import { Country } from '../countries/country.entity';
import { Event } from '../events/event.entity';
import { defineKind } from '../facts/fact-kind';
import { RevisionAction } from '../facts/revision.entity';
import { Organization } from '../organizations/organization.entity';
import { Source } from '../sources/source.entity';
import { ClaimStatus, DatePrecision } from '../values/enums';
import { parseDay } from '../values/scalars';
import { inputOf } from '../values/validation';
import { CasualtyReport } from './casualty-report.entity';
import { CreateCasualtyReportInput } from './casualty-report.inputs';
import { CasualtyReportResolver, CasualtyReportWriteMutations, CountryCasualtiesResolver, EventCasualtiesResolver } from './casualty-report.resolver';
import { CASUALTY_REPORTED, CasualtyReportService, EVENT_CASUALTIES } from './casualty-report.service';
import entries from './seed.json';

export interface SeedCasualtyReport {
  key: string;
  country: string;
  killed: number | null;
  wounded: number | null;
  captured: number | null;
  missing: number | null;
  asOf: string;
  datePrecision: DatePrecision;
  claimStatus: ClaimStatus;
  reportedBy: string | null;
  reportedByCountry: string | null;
  event: string | null;
  sources: string[];
}

export const casualtyReportKind = defineKind({
  entity: CasualtyReport,
  service: CasualtyReportService,
  resolvers: [CasualtyReportResolver, CountryCasualtiesResolver, EventCasualtiesResolver, CasualtyReportWriteMutations],
  topics: { [RevisionAction.CREATE]: CASUALTY_REPORTED },
  lists: [EVENT_CASUALTIES],
  seed: {
    entries: entries as SeedCasualtyReport[],
    input: (entry: SeedCasualtyReport, refs) =>
      inputOf(CreateCasualtyReportInput, {
        countryId: refs.one(Country, entry.country),
        killed: entry.killed,
        wounded: entry.wounded,
        captured: entry.captured,
        missing: entry.missing,
        asOf: parseDay(entry.asOf),
        datePrecision: entry.datePrecision,
        claimStatus: entry.claimStatus,
        reportedById: refs.optional(Organization, entry.reportedBy),
        reportedByCountryId: refs.optional(Country, entry.reportedByCountry),
        eventId: refs.optional(Event, entry.event),
        sourceIds: refs.many(Source, entry.sources),
      }),
  },
});
