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
import { Source } from '../sources/source.entity';
import { ClaimStatus, DatePrecision } from '../values/enums';
import { toIsoDay } from '../values/scalars';
import { CasualtyReport } from './casualty-report.entity';
import { CasualtyFilter, CreateCasualtyReportInput, UpdateCasualtyReportInput } from './casualty-report.inputs';

/** The topic new casualty reports are published on. */
export const CASUALTY_REPORTED = 'CASUALTY_REPORTED';

const BY_DATE: Ordering = { name: 'casualties:asOf', keys: [dateKey('"report"."asOf"'), idKey('"report"."id"')], direction: 'ASC' };

/** Event.casualties: the casualty reports about an event, by the date they are as of (as BY_DATE orders casualties(...)). */
export const EVENT_CASUALTIES: ChildList<CasualtyReport> = { owner: Event, field: 'casualties', entity: CasualtyReport, property: 'event', orderBy: { asOf: 'ASC', id: 'ASC' } };

export class CasualtyReportService extends Service {
  private query() {
    return this.dataSource.getRepository(CasualtyReport).createQueryBuilder('report');
  }

  list(filter: CasualtyFilter | null | undefined, page: PageRequest): Promise<Page<CasualtyReport>> {
    const query = this.query();
    whereRelatedIn(query, 'country', filter?.countryIds, 'filter.countryIds');
    whereDateBetween(query, '"report"."asOf"', filter?.from, filter?.to);
    return paginate(query, BY_DATE, page, this.loaders.pageOf(CasualtyReport), this.knownTotal(CasualtyReport, filter));
  }

  /** Country.casualties, batched across the countries of a list. */
  ofCountry(countryId: number, request: PageRequest): Promise<Page<CasualtyReport>> {
    return this.loaders.nestedPage(countryId, {
      name: 'casualties:country',
      query: () => this.query(),
      parentKey: '"report"."countryId"',
      ordering: BY_DATE,
      request,
      nodes: this.loaders.pageOf(CasualtyReport),
    });
  }

  /** The casualty reports about an event, by the date they are as of. */
  ofEvent(eventId: number): Awaitable<CasualtyReport[]> {
    return this.loaders.list(EVENT_CASUALTIES, eventId);
  }

  sources(report: CasualtyReport): Awaitable<Source[]> {
    return this.loaders.linked<Source>(CasualtyReport, 'sources', report.id);
  }

  /** Every casualty report added from now on. */
  reported(): AsyncIterable<LiveValue<CasualtyReport>> {
    return liveFeed(this.deps).added(CASUALTY_REPORTED, CasualtyReport);
  }

  create(input: CreateCasualtyReportInput): Promise<CasualtyReport> {
    return this.writer.create(CasualtyReport, async (manager) => {
      const id = await insertRow(manager, CasualtyReport, {
        ...counts(input),
        asOf: toIsoDay(input.asOf),
        datePrecision: input.datePrecision ?? DatePrecision.DAY,
        claimStatus: input.claimStatus ?? ClaimStatus.REPORTED,
        ...(await reportReferences(manager, input)),
      });
      await replaceLinks(manager, CasualtyReport, 'sources', id, input.sourceIds);
      return id;
    });
  }

  update(id: string, input: UpdateCasualtyReportInput): Promise<CasualtyReport> {
    return this.writer.update(CasualtyReport, id, async (manager, report) => {
      await updateColumns(manager, CasualtyReport, report.id, {
        ...counts(input),
        asOf: input.asOf ? toIsoDay(input.asOf) : notNull(input.asOf, 'asOf'),
        datePrecision: notNull(input.datePrecision, 'datePrecision'),
        claimStatus: notNull(input.claimStatus, 'claimStatus'),
        ...(await reportReferences(manager, input)),
      });
      await replaceLinks(manager, CasualtyReport, 'sources', report.id, input.sourceIds);
    });
  }

  remove(id: string): Promise<string> {
    return this.writer.remove(CasualtyReport, id);
  }
}

function counts(input: CreateCasualtyReportInput | UpdateCasualtyReportInput): Partial<CasualtyReport> {
  return { killed: input.killed, wounded: input.wounded, captured: input.captured, missing: input.missing };
}

async function reportReferences(manager: EntityManager, input: CreateCasualtyReportInput | UpdateCasualtyReportInput): Promise<Partial<CasualtyReport>> {
  return {
    countryId: (await reference(manager, CasualtyReport, 'country', notNull(input.countryId, 'countryId'))) ?? undefined,
    reportedById: await reference(manager, CasualtyReport, 'reportedBy', input.reportedById),
    reportedByCountryId: await reference(manager, CasualtyReport, 'reportedByCountry', input.reportedByCountryId),
    eventId: await reference(manager, CasualtyReport, 'event', input.eventId),
  };
}
