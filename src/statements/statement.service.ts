import type { EntityManager } from 'typeorm';
import type { Awaitable } from '../db/loaders';
import { type ChildList, whereRelatedIn } from '../db/relations';
import { Event } from '../events/event.entity';
import { insertRow, notNull, reference, replaceLinks, updateColumns } from '../facts/columns';
import { Service, liveFeed } from '../facts/services';
import type { LiveValue } from '../pubsub/live-feed';
import { Page, PageRequest } from '../relay/connection';
import { whereDateBetween } from '../relay/filters';
import { dateKey, idKey, Ordering, paginate } from '../relay/keyset';
import { whereMatches } from '../search/full-text';
import { Source } from '../sources/source.entity';
import { DatePrecision } from '../values/enums';
import { toIsoDay } from '../values/scalars';
import { Statement } from './statement.entity';
import { CreateStatementInput, StatementFilter, UpdateStatementInput } from './statement.inputs';

/** The topic new statements are published on. */
export const STATEMENT_ADDED = 'STATEMENT_ADDED';

const BY_DATE: Ordering = { name: 'statements:date', keys: [dateKey('"statement"."date"'), idKey('"statement"."id"')], direction: 'ASC' };

/** Event.statements: the statements about an event, by date (as BY_DATE orders statements(...)). */
export const EVENT_STATEMENTS: ChildList<Statement> = { owner: Event, field: 'statements', entity: Statement, property: 'event', orderBy: { date: 'ASC', id: 'ASC' } };

export class StatementService extends Service {
  private query() {
    return this.dataSource.getRepository(Statement).createQueryBuilder('statement');
  }

  list(filter: StatementFilter | null | undefined, page: PageRequest): Promise<Page<Statement>> {
    const query = this.query();
    whereRelatedIn(query, 'speaker', filter?.speakerIds, 'filter.speakerIds');
    whereRelatedIn(query, 'country', filter?.countryIds, 'filter.countryIds');
    whereRelatedIn(query, 'organization', filter?.organizationIds, 'filter.organizationIds');
    whereDateBetween(query, '"statement"."date"', filter?.from, filter?.to);
    whereMatches(query, this.kinds.searchCode(Statement), '"statement"."id"', filter?.search);
    return paginate(query, BY_DATE, page, this.loaders.pageOf(Statement), this.knownTotal(Statement, filter));
  }

  /** Statements made by an official (speakerId) or on behalf of a country (countryId), batched across parents. */
  of(parentColumn: 'speakerId' | 'countryId', parentId: number, request: PageRequest): Promise<Page<Statement>> {
    return this.loaders.nestedPage(parentId, {
      name: `statements:${parentColumn}`,
      query: () => this.query(),
      parentKey: `"statement"."${parentColumn}"`,
      ordering: BY_DATE,
      request,
      nodes: this.loaders.pageOf(Statement),
    });
  }

  /** The statements about an event, by date. */
  ofEvent(eventId: number): Awaitable<Statement[]> {
    return this.loaders.list(EVENT_STATEMENTS, eventId);
  }

  sources(statement: Statement): Awaitable<Source[]> {
    return this.loaders.linked<Source>(Statement, 'sources', statement.id);
  }

  /** Every statement added from now on. */
  added(): AsyncIterable<LiveValue<Statement>> {
    return liveFeed(this.deps).added(STATEMENT_ADDED, Statement);
  }

  create(input: CreateStatementInput): Promise<Statement> {
    return this.writer.create(Statement, async (manager) => {
      const id = await insertRow(manager, Statement, {
        text: input.text.trim(),
        isQuote: input.isQuote ?? false,
        date: toIsoDay(input.date),
        datePrecision: input.datePrecision ?? DatePrecision.DAY,
        ...(await statementReferences(manager, input)),
      });
      await replaceLinks(manager, Statement, 'sources', id, input.sourceIds);
      return id;
    });
  }

  update(id: string, input: UpdateStatementInput): Promise<Statement> {
    return this.writer.update(Statement, id, async (manager, statement) => {
      await updateColumns(manager, Statement, statement.id, {
        text: notNull(input.text, 'text')?.trim(),
        isQuote: notNull(input.isQuote, 'isQuote'),
        date: input.date ? toIsoDay(input.date) : notNull(input.date, 'date'),
        datePrecision: notNull(input.datePrecision, 'datePrecision'),
        ...(await statementReferences(manager, input)),
      });
      await replaceLinks(manager, Statement, 'sources', statement.id, input.sourceIds);
    });
  }

  remove(id: string): Promise<string> {
    return this.writer.remove(Statement, id);
  }
}

async function statementReferences(manager: EntityManager, input: CreateStatementInput | UpdateStatementInput): Promise<Partial<Statement>> {
  return {
    speakerId: await reference(manager, Statement, 'speaker', input.speakerId),
    countryId: await reference(manager, Statement, 'country', input.countryId),
    organizationId: await reference(manager, Statement, 'organization', input.organizationId),
    eventId: await reference(manager, Statement, 'event', input.eventId),
  };
}
