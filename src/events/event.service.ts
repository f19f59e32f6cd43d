import { DataSource, SelectQueryBuilder } from 'typeorm';
import { Page, PageRequest } from '../common/connection';
import { whereDateBetween, whereIdsIn, whereValuesIn } from '../common/filters';
import { Ordering, paginate } from '../common/keyset';
import { SortDirection } from '../common/enums';
import { Loaders } from '../db/loaders';
import { whereMatches } from '../search/full-text';
import { Country } from '../countries/country.entity';
import { Official } from '../officials/official.entity';
import { Source } from '../sources/source.entity';
import { Statement } from '../statements/statement.entity';
import { CasualtyReport } from '../casualties/casualty-report.entity';
import { Event } from './event.entity';
import { EventFigure } from './event-figure.entity';
import { EventFilter, EventOrder, EventOrderField } from './event.inputs';

const ORDER_COLUMNS: Record<EventOrderField, string> = {
  [EventOrderField.DATE]: '"event"."date"',
  [EventOrderField.CREATED_AT]: '"event"."createdAt"',
};

const DEFAULT_ORDER: EventOrder = { field: EventOrderField.DATE, direction: SortDirection.ASC };

function orderingOf(order: EventOrder): Ordering {
  return { name: `events:${order.field}`, keys: [ORDER_COLUMNS[order.field], '"event"."id"'], direction: order.direction };
}

export class EventService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loaders: Loaders,
  ) {}

  /** The events that match `filter`, as a query over the alias `event`: the one definition of EventFilter. */
  filtered(filter: EventFilter | null | undefined): SelectQueryBuilder<Event> {
    const query = this.dataSource.getRepository(Event).createQueryBuilder('event');
    if (!filter) return query;
    whereIdsIn(query, filter.countryIds, 'Country', 'filter.countryIds', (ids) => `"event"."id" IN (SELECT "eventId" FROM "event_countries" WHERE "countryId" IN ${ids})`);
    whereIdsIn(query, filter.officialIds, 'Official', 'filter.officialIds', (ids) => `"event"."id" IN (SELECT "eventId" FROM "event_officials" WHERE "officialId" IN ${ids})`);
    whereValuesIn(query, '"event"."type"', filter.types);
    whereValuesIn(query, '"event"."claimStatus"', filter.claimStatuses);
    whereDateBetween(query, '"event"."date"', filter.from, filter.to);
    whereMatches(query, 'Event', '"event"."id"', filter.search);
    return query;
  }

  private loadNodes = (ids: number[]) => this.loaders.byId(Event).loadMany(ids);

  byId(id: number | null): Promise<Event | null> {
    return id === null ? Promise.resolve(null) : this.loaders.byId(Event).load(id);
  }

  list(filter: EventFilter | null | undefined, order: EventOrder | null | undefined, page: PageRequest): Promise<Page<Event>> {
    return paginate(this.filtered(filter), orderingOf(order ?? DEFAULT_ORDER), page, this.loadNodes);
  }

  /** Events linked to a parent through `linkTable` (Country.events, Official.events), batched across parents. */
  private linkedPage(linkTable: string, parentColumn: string, parentId: number, filter: EventFilter | null | undefined, request: PageRequest): Promise<Page<Event>> {
    return this.loaders.nestedPage(parentId, {
      name: `events:${linkTable}:${JSON.stringify(filter ?? null)}`,
      query: () => this.filtered(filter).innerJoin(linkTable, 'parent', '"parent"."eventId" = "event"."id"'),
      parentKey: `"parent"."${parentColumn}"`,
      ordering: orderingOf(DEFAULT_ORDER),
      request,
      loadNodes: this.loadNodes,
    });
  }

  ofCountry(countryId: number, filter: EventFilter | null | undefined, page: PageRequest): Promise<Page<Event>> {
    return this.linkedPage('event_countries', 'countryId', countryId, filter, page);
  }

  ofOfficial(officialId: number, filter: EventFilter | null | undefined, page: PageRequest): Promise<Page<Event>> {
    return this.linkedPage('event_officials', 'officialId', officialId, filter, page);
  }

  countries(event: Event): Promise<Country[]> {
    return this.loaders.linkedEntities('event_countries', 'eventId', 'countryId', Country, event.id);
  }

  officials(event: Event): Promise<Official[]> {
    return this.loaders.linkedEntities('event_officials', 'eventId', 'officialId', Official, event.id);
  }

  sources(event: Event): Promise<Source[]> {
    return this.loaders.linkedEntities('event_sources', 'eventId', 'sourceId', Source, event.id);
  }

  statements(event: Event): Promise<Statement[]> {
    return this.loaders.children(Statement, 'eventId', { date: 'ASC', id: 'ASC' }).load(event.id);
  }

  casualties(event: Event): Promise<CasualtyReport[]> {
    return this.loaders.children(CasualtyReport, 'eventId', { asOf: 'ASC', id: 'ASC' }).load(event.id);
  }

  figures(event: Event): Promise<EventFigure[]> {
    return this.loaders.children(EventFigure, 'eventId', { id: 'ASC' }).load(event.id);
  }
}
