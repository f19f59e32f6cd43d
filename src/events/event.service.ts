import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Awaitable } from '../db/loaders';
import { type FilterPurpose, linkNamed, partListNamed, whereRelatedIn } from '../db/relations';
import { BadUserInputError } from '../errors/errors';
import { Country } from '../countries/country.entity';
import { checkPeriod, insertRow, notNull, optionalDay, optionalText, reference, replaceLinks, updateColumns } from '../facts/columns';
import { Service } from '../facts/services';
import { Official } from '../officials/official.entity';
import { Page, PageRequest } from '../relay/connection';
import { whereDateBetween, whereValuesIn } from '../relay/filters';
import { dateKey, decodeCursor, encodeCursor, idKey, Ordering, paginate, SortKey } from '../relay/keyset';
import { whereMatches } from '../search/full-text';
import { Source } from '../sources/source.entity';
import { ClaimStatus, DatePrecision, SortDirection } from '../values/enums';
import { toIsoDay } from '../values/scalars';
import { Event, EventFigure } from './event.entity';
import { CreateEventInput, EventFigureInput, EventFilter, EventOrder, EventOrderField, LocationInput, UpdateEventInput } from './event.inputs';

/**
 * Ids grow with every insert, so the order events were added in is the id order: CREATED_AT
 * sorts by id alone, and its cursors are the ones eventAdded(after:) resumes from.
 */
const ORDER_KEYS: Record<EventOrderField, SortKey[]> = {
  [EventOrderField.DATE]: [dateKey('"event"."date"'), idKey('"event"."id"')],
  [EventOrderField.CREATED_AT]: [idKey('"event"."id"')],
};

const DEFAULT_ORDER: EventOrder = { field: EventOrderField.DATE, direction: SortDirection.ASC };

/** The order events were added in: the one eventAdded(after:) replays in. */
export const ADDED_ORDER: EventOrder = { field: EventOrderField.CREATED_AT, direction: SortDirection.ASC };

function orderingOf(order: EventOrder): Ordering {
  return { name: `events:${order.field}`, keys: ORDER_KEYS[order.field], direction: order.direction };
}

const ADDED_ORDERING = orderingOf(ADDED_ORDER);

export class EventService extends Service {
  /** The events that match `filter`, as a query over the alias `event`: the one definition of EventFilter. */
  filtered(filter: EventFilter | null | undefined, purpose: FilterPurpose = 'paging'): SelectQueryBuilder<Event> {
    const query = this.dataSource.getRepository(Event).createQueryBuilder('event');
    if (!filter) return query;
    whereRelatedIn(query, 'countries', filter.countryIds, 'filter.countryIds', purpose);
    whereRelatedIn(query, 'officials', filter.officialIds, 'filter.officialIds', purpose);
    whereValuesIn(query, '"event"."type"', filter.types, 'filter.types');
    whereValuesIn(query, '"event"."claimStatus"', filter.claimStatuses, 'filter.claimStatuses');
    whereDateBetween(query, '"event"."date"', filter.from, filter.to);
    whereMatches(query, this.kinds.searchCode(Event), '"event"."id"', filter.search);
    return query;
  }

  /** Refuses a filter with bad IDs or dates before a subscription starts, as events(filter:) would. */
  assertValidFilter(filter: EventFilter | null | undefined): void {
    this.filtered(filter);
  }

  /** Whether the event with this id matches `filter`, by the same query as events(filter:). */
  async matches(filter: EventFilter, id: number): Promise<boolean> {
    return (await this.filtered(filter).andWhere('"event"."id" = :matchId', { matchId: id }).getCount()) > 0;
  }

  /** How many events matching `filter` were added after the event `afterId`, counting no further than `atMost + 1`. */
  async countAddedAfter(filter: EventFilter | null | undefined, afterId: number, atMost: number): Promise<number> {
    const rows = await this.filtered(filter).select('"event"."id"', 'id').andWhere('"event"."id" > :afterId', { afterId }).orderBy('"event"."id"').limit(atMost + 1).getRawMany();
    return rows.length;
  }

  /** The cursor of an event in the order events were added: where eventAdded(after:) resumes. */
  addedCursor(event: Event): string {
    return encodeCursor(ADDED_ORDERING, [event.id]);
  }

  addedCursorId(cursor: string): number {
    return Number(decodeCursor(cursor, ADDED_ORDERING, 'after')[0]);
  }

  byId(id: number | null): Awaitable<Event | null> {
    return this.loaders.optional(Event, id);
  }

  list(filter: EventFilter | null | undefined, order: EventOrder | null | undefined, page: PageRequest): Promise<Page<Event>> {
    return paginate(this.filtered(filter), orderingOf(order ?? DEFAULT_ORDER), page, this.loaders.pageOf(Event), this.knownTotal(Event, filter), () => this.filtered(filter, 'counting'));
  }

  /** The events whose link `property` names a parent (Country.events through Event.countries), batched across parents. */
  private linkedPage(property: 'countries' | 'officials', parentId: number, filter: EventFilter | null | undefined, request: PageRequest): Promise<Page<Event>> {
    const link = linkNamed(this.dataSource.getMetadata(Event), property);
    return this.loaders.nestedPage(parentId, {
      name: `events:${property}:${JSON.stringify(filter ?? null)}`,
      query: () => this.filtered(filter).innerJoin(link.table, 'parent', `"parent"."${link.ownerColumn}" = "event"."id"`),
      parentKey: `"parent"."${link.targetColumn}"`,
      ordering: orderingOf(DEFAULT_ORDER),
      request,
      nodes: this.loaders.pageOf(Event),
    });
  }

  ofCountry(countryId: number, filter: EventFilter | null | undefined, page: PageRequest): Promise<Page<Event>> {
    return this.linkedPage('countries', countryId, filter, page);
  }

  ofOfficial(officialId: number, filter: EventFilter | null | undefined, page: PageRequest): Promise<Page<Event>> {
    return this.linkedPage('officials', officialId, filter, page);
  }

  countries(event: Event): Awaitable<Country[]> {
    return this.loaders.linked<Country>(Event, 'countries', event.id);
  }

  officials(event: Event): Awaitable<Official[]> {
    return this.loaders.linked<Official>(Event, 'officials', event.id);
  }

  sources(event: Event): Awaitable<Source[]> {
    return this.loaders.linked<Source>(Event, 'sources', event.id);
  }

  figures(event: Event): Awaitable<EventFigure[]> {
    return this.loaders.list(partListNamed<EventFigure>(this.dataSource.getMetadata(Event), 'figures'), event.id);
  }

  create(input: CreateEventInput): Promise<Event> {
    return this.writer.create(Event, async (manager) => {
      const date = toIsoDay(input.date);
      const endDate = optionalDay(input.endDate) ?? null;
      checkPeriod(date, endDate);
      const id = await insertRow(manager, Event, {
        title: input.title.trim(),
        summary: optionalText(input.summary) ?? null,
        date,
        datePrecision: input.datePrecision ?? DatePrecision.DAY,
        endDate,
        type: input.type,
        claimStatus: input.claimStatus ?? ClaimStatus.REPORTED,
        ...(await locationColumns(manager, input.location ?? null)),
      });
      await writeRelations(manager, id, input);
      return id;
    });
  }

  update(id: string, input: UpdateEventInput): Promise<Event> {
    return this.writer.update(Event, id, async (manager, event) => {
      const date = input.date ? toIsoDay(input.date) : notNull(input.date, 'date');
      const endDate = optionalDay(input.endDate);
      checkPeriod(date ?? event.date, endDate === undefined ? event.endDate : endDate);
      await updateColumns(manager, Event, event.id, {
        title: notNull(input.title, 'title')?.trim(),
        summary: optionalText(input.summary),
        date,
        datePrecision: notNull(input.datePrecision, 'datePrecision'),
        endDate,
        type: notNull(input.type, 'type'),
        claimStatus: notNull(input.claimStatus, 'claimStatus'),
        ...(input.location === undefined ? {} : await locationColumns(manager, input.location)),
      });
      await writeRelations(manager, event.id, input);
    });
  }

  remove(id: string): Promise<string> {
    return this.writer.remove(Event, id);
  }
}

async function locationColumns(manager: EntityManager, location: LocationInput | null): Promise<Partial<Event>> {
  return {
    locationName: location?.name.trim() ?? null,
    locationCountryId: (await reference(manager, Event, 'locationCountry', location?.countryId, 'location.countryId')) ?? null,
    locationLatitude: location?.latitude ?? null,
    locationLongitude: location?.longitude ?? null,
  };
}

/** Links and figures, replaced where the input gives them. */
async function writeRelations(manager: EntityManager, eventId: number, input: CreateEventInput | UpdateEventInput): Promise<void> {
  await replaceLinks(manager, Event, 'countries', eventId, input.countryIds);
  await replaceLinks(manager, Event, 'officials', eventId, input.officialIds);
  await replaceLinks(manager, Event, 'sources', eventId, input.sourceIds);
  if (input.figures !== undefined) await replaceFigures(manager, eventId, input.figures ?? []);
}

async function replaceFigures(manager: EntityManager, eventId: number, figures: EventFigureInput[]): Promise<void> {
  figures.forEach(checkFigure);
  await manager.delete(EventFigure, { eventId });
  if (figures.length === 0) return;
  await manager.insert(
    EventFigure,
    figures.map((figure) => ({ eventId, subject: figure.subject.trim(), unit: optionalText(figure.unit) ?? null, best: figure.best ?? null, low: figure.low ?? null, high: figure.high ?? null })),
  );
}

function checkFigure(figure: EventFigureInput, index: number): void {
  const { best, low, high } = figure;
  const field = `figures.${index}`;
  if (best == null && low == null && high == null) throw new BadUserInputError(`${field}: give at least one of best, low and high`, 'figures');
  if (low != null && high != null && low > high) throw new BadUserInputError(`${field}: low (${low}) is above high (${high})`, 'figures');
  if (best != null && ((low != null && best < low) || (high != null && best > high))) throw new BadUserInputError(`${field}: best (${best}) lies outside low..high`, 'figures');
}
