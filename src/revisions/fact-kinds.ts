import type { EntityTarget } from 'typeorm';
import type { NodeTypeName } from '../common/global-id';
import { NODE_ENTITIES, NodeEntity } from '../node/node-types';

/** A many-to-many list of a fact, e.g. an event's countries (`countryIds` in inputs and revisions). */
export interface LinkSpec {
  field: string;
  table: string;
  ownerColumn: string;
  targetColumn: string;
  type: NodeTypeName;
}

/** Live facts of another kind that point at a fact, by a column or through a link table. */
export interface DependentSpec {
  label: string;
  table: string;
  column: string;
  /** For a link: the link table's column naming the owner in `table`. */
  via?: { table: string; ownerColumn: string };
}

export interface FactKind {
  type: NodeTypeName;
  entity: EntityTarget<NodeEntity>;
  /** Columns that hold the id of another fact, and its type. */
  references: Record<string, NodeTypeName>;
  links: LinkSpec[];
  dependents: DependentSpec[];
}

const link = (field: string, table: string, ownerColumn: string, targetColumn: string, type: NodeTypeName): LinkSpec => ({ field, table, ownerColumn, targetColumn, type });
const column = (label: string, table: string, columnName: string): DependentSpec => ({ label, table, column: columnName });
const linked = (label: string, table: string, linkTable: string, ownerColumn: string, columnName: string): DependentSpec => ({
  label,
  table,
  column: columnName,
  via: { table: linkTable, ownerColumn },
});

export const EVENT_LINKS = {
  countries: link('countryIds', 'event_countries', 'eventId', 'countryId', 'Country'),
  officials: link('officialIds', 'event_officials', 'eventId', 'officialId', 'Official'),
  sources: link('sourceIds', 'event_sources', 'eventId', 'sourceId', 'Source'),
};
export const STATEMENT_SOURCES = link('sourceIds', 'statement_sources', 'statementId', 'sourceId', 'Source');
export const CASUALTY_REPORT_SOURCES = link('sourceIds', 'casualty_report_sources', 'casualtyReportId', 'sourceId', 'Source');

/**
 * What the write path knows of each kind: the references it checks on restore, the links a
 * revision records, and the facts that keep it from being deleted while they are live.
 */
export const FACT_KINDS: Record<NodeTypeName, FactKind> = {
  Country: {
    type: 'Country',
    entity: NODE_ENTITIES.Country,
    references: {},
    links: [],
    dependents: [
      column('organizations', 'organizations', 'countryId'),
      column('officials', 'officials', 'countryId'),
      column('events located there', 'events', 'locationCountryId'),
      linked('events', 'events', 'event_countries', 'eventId', 'countryId'),
      column('statements', 'statements', 'countryId'),
      column('casualty reports', 'casualty_reports', 'countryId'),
      column('casualty reports it reported', 'casualty_reports', 'reportedByCountryId'),
    ],
  },
  Organization: {
    type: 'Organization',
    entity: NODE_ENTITIES.Organization,
    references: { countryId: 'Country' },
    links: [],
    dependents: [column('officials', 'officials', 'organizationId'), column('statements', 'statements', 'organizationId'), column('casualty reports', 'casualty_reports', 'reportedById')],
  },
  Official: {
    type: 'Official',
    entity: NODE_ENTITIES.Official,
    references: { countryId: 'Country', organizationId: 'Organization' },
    links: [],
    dependents: [column('statements', 'statements', 'speakerId'), linked('events', 'events', 'event_officials', 'eventId', 'officialId')],
  },
  Event: {
    type: 'Event',
    entity: NODE_ENTITIES.Event,
    references: { locationCountryId: 'Country' },
    links: Object.values(EVENT_LINKS),
    dependents: [column('statements', 'statements', 'eventId'), column('casualty reports', 'casualty_reports', 'eventId')],
  },
  CasualtyReport: {
    type: 'CasualtyReport',
    entity: NODE_ENTITIES.CasualtyReport,
    references: { countryId: 'Country', reportedById: 'Organization', reportedByCountryId: 'Country', eventId: 'Event' },
    links: [CASUALTY_REPORT_SOURCES],
    dependents: [],
  },
  Statement: {
    type: 'Statement',
    entity: NODE_ENTITIES.Statement,
    references: { speakerId: 'Official', countryId: 'Country', organizationId: 'Organization', eventId: 'Event' },
    links: [STATEMENT_SOURCES],
    dependents: [],
  },
  Source: {
    type: 'Source',
    entity: NODE_ENTITIES.Source,
    references: {},
    links: [],
    dependents: [
      linked('events', 'events', 'event_sources', 'eventId', 'sourceId'),
      linked('statements', 'statements', 'statement_sources', 'statementId', 'sourceId'),
      linked('casualty reports', 'casualty_reports', 'casualty_report_sources', 'casualtyReportId', 'sourceId'),
    ],
  },
};
