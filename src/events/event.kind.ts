import { Country } from '../countries/country.entity';
import { defineKind } from '../facts/fact-kind';
import { RevisionAction } from '../facts/revision.entity';
import { Official } from '../officials/official.entity';
import { Source } from '../sources/source.entity';
import { ClaimStatus, DatePrecision } from '../values/enums';
import { parseDay, parseOptionalDay } from '../values/scalars';
import { inputOf } from '../values/validation';
import { Event, EventFigure } from './event.entity';
import { EventTopic } from './event.feed';
import { CreateEventInput, EventFigureInput, LocationInput } from './event.inputs';
import { CountryEventsResolver, EventResolver, EventWriteMutations, LocationResolver, OfficialEventsResolver } from './event.resolver';
import { EventService } from './event.service';
import { EventType } from './event-type';
import entries from './seed.json';

export interface SeedEvent {
  key: string;
  title: string;
  summary: string | null;
  date: string;
  datePrecision: DatePrecision;
  endDate: string | null;
  type: EventType;
  claimStatus: ClaimStatus;
  location: { name: string; country: string | null; latitude: number | null; longitude: number | null } | null;
  countries: string[];
  officials: string[];
  sources: string[];
  figures: { subject: string; unit: string | null; best: number | null; low: number | null; high: number | null }[];
}

export const eventKind = defineKind({
  entity: Event,
  parts: [EventFigure],
  service: EventService,
  resolvers: [EventResolver, LocationResolver, CountryEventsResolver, OfficialEventsResolver, EventWriteMutations],
  searchCode: 4,
  topics: {
    [RevisionAction.CREATE]: EventTopic.ADDED,
    [RevisionAction.UPDATE]: EventTopic.UPDATED,
    // A restored event comes back as it was: an update to clients that keep a timeline.
    [RevisionAction.RESTORE]: EventTopic.UPDATED,
    [RevisionAction.DELETE]: EventTopic.DELETED,
  },
  seed: {
    entries: entries as SeedEvent[],
    input: (entry: SeedEvent, refs) =>
      inputOf(CreateEventInput, {
        title: entry.title,
        summary: entry.summary,
        date: parseDay(entry.date),
        datePrecision: entry.datePrecision,
        endDate: parseOptionalDay(entry.endDate),
        type: entry.type,
        claimStatus: entry.claimStatus,
        location: entry.location && inputOf(LocationInput, { name: entry.location.name, countryId: refs.optional(Country, entry.location.country), latitude: entry.location.latitude, longitude: entry.location.longitude }),
        countryIds: refs.many(Country, entry.countries),
        officialIds: refs.many(Official, entry.officials),
        sourceIds: refs.many(Source, entry.sources),
        figures: entry.figures.map((figure) => inputOf(EventFigureInput, figure)),
      }),
  },
});
