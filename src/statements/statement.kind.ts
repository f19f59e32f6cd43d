import { Country } from '../countries/country.entity';
import { Event } from '../events/event.entity';
import { defineKind } from '../facts/fact-kind';
import { RevisionAction } from '../facts/revision.entity';
import { Official } from '../officials/official.entity';
import { Organization } from '../organizations/organization.entity';
import { Source } from '../sources/source.entity';
import { DatePrecision } from '../values/enums';
import { parseDay } from '../values/scalars';
import { inputOf } from '../values/validation';
import { Statement } from './statement.entity';
import { CreateStatementInput } from './statement.inputs';
import { CountryStatementsResolver, EventStatementsResolver, OfficialStatementsResolver, StatementResolver, StatementWriteMutations } from './statement.resolver';
import { EVENT_STATEMENTS, STATEMENT_ADDED, StatementService } from './statement.service';
import entries from './seed.json';

export interface SeedStatement {
  key: string;
  text: string;
  isQuote: boolean;
  date: string;
  datePrecision: DatePrecision;
  speaker: string | null;
  country: string | null;
  organization: string | null;
  event: string | null;
  sources: string[];
}

export const statementKind = defineKind({
  entity: Statement,
  service: StatementService,
  resolvers: [StatementResolver, CountryStatementsResolver, OfficialStatementsResolver, EventStatementsResolver, StatementWriteMutations],
  searchCode: 6,
  topics: { [RevisionAction.CREATE]: STATEMENT_ADDED },
  lists: [EVENT_STATEMENTS],
  seed: {
    entries: entries as SeedStatement[],
    input: (entry: SeedStatement, refs) =>
      inputOf(CreateStatementInput, {
        text: entry.text,
        isQuote: entry.isQuote,
        date: parseDay(entry.date),
        datePrecision: entry.datePrecision,
        speakerId: refs.optional(Official, entry.speaker),
        countryId: refs.optional(Country, entry.country),
        organizationId: refs.optional(Organization, entry.organization),
        eventId: refs.optional(Event, entry.event),
        sourceIds: refs.many(Source, entry.sources),
      }),
  },
});
