import { ClaimStatus, DatePrecision, EventType } from '../common/enums';
import casualtyReports from './data/casualty-reports.json';
import countries from './data/countries.json';
import events from './data/events.json';
import officials from './data/officials.json';
import organizations from './data/organizations.json';
import sources from './data/sources.json';
import statements from './data/statements.json';

/**
 * The shapes of the seed files in ./data. Every entry has a `key`, unique in its file and
 * never changed once released; other files refer to entries by these keys.
 */
export interface SeedSource {
  key: string;
  title: string;
  publisher: string | null;
  author: string | null;
  url: string | null;
  language: string | null;
  publishedOn: string | null;
  retrievedOn: string | null;
}

export interface SeedCountry {
  key: string;
  name: string;
  isoCode: string | null;
}

export interface SeedOrganization {
  key: string;
  name: string;
  acronym: string | null;
  country: string | null;
}

export interface SeedOfficial {
  key: string;
  name: string;
  role: string | null;
  country: string | null;
  organization: string | null;
}

export interface SeedFigure {
  subject: string;
  unit: string | null;
  best: number | null;
  low: number | null;
  high: number | null;
}

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
  figures: SeedFigure[];
}

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

export interface SeedData {
  sources: SeedSource[];
  countries: SeedCountry[];
  organizations: SeedOrganization[];
  officials: SeedOfficial[];
  events: SeedEvent[];
  statements: SeedStatement[];
  casualtyReports: SeedCasualtyReport[];
}

export const SEED_DATA: SeedData = {
  sources,
  countries,
  organizations,
  officials,
  events: events as SeedEvent[],
  statements: statements as SeedStatement[],
  casualtyReports: casualtyReports as SeedCasualtyReport[],
};
