import { DataSource, EntityManager } from 'typeorm';
import { Page, PageRequest } from '../common/connection';
import { whereDateBetween, whereIdsIn } from '../common/filters';
import { dateKey, idKey, Ordering, paginate } from '../common/keyset';
import { Loaders } from '../db/loaders';
import { Source } from '../sources/source.entity';
import { CasualtyReport } from './casualty-report.entity';
import { ClaimStatus, DatePrecision } from '../common/enums';
import { toIsoDay } from '../common/scalars';
import { CASUALTY_REPORT_SOURCES } from '../revisions/fact-kinds';
import { FactWriter } from '../revisions/fact-writer';
import { insertRow, notNull, reference, references, replaceLinks, updateColumns } from '../revisions/write-helpers';
import { CasualtyFilter, CreateCasualtyReportInput, UpdateCasualtyReportInput } from './casualty-report.inputs';

const BY_DATE: Ordering = { name: 'casualties:asOf', keys: [dateKey('"report"."asOf"'), idKey('"report"."id"')], direction: 'ASC' };

export class CasualtyReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loaders: Loaders,
    private readonly writer: FactWriter,
  ) {}

  private query() {
    return this.dataSource.getRepository(CasualtyReport).createQueryBuilder('report');
  }

  private loadNodes = (ids: number[]) => this.loaders.byId(CasualtyReport).loadMany(ids);

  list(filter: CasualtyFilter | null | undefined, page: PageRequest): Promise<Page<CasualtyReport>> {
    const query = this.query();
    whereIdsIn(query, filter?.countryIds, 'Country', 'filter.countryIds', (ids) => `"report"."countryId" IN ${ids}`);
    whereDateBetween(query, '"report"."asOf"', filter?.from, filter?.to);
    return paginate(query, BY_DATE, page, this.loadNodes);
  }

  ofCountry(countryId: number, request: PageRequest): Promise<Page<CasualtyReport>> {
    return this.loaders.nestedPage(countryId, {
      name: 'casualties:country',
      query: () => this.query(),
      parentKey: '"report"."countryId"',
      ordering: BY_DATE,
      request,
      loadNodes: this.loadNodes,
    });
  }

  sources(report: CasualtyReport): Promise<Source[]> {
    return this.loaders.linkedEntities('casualty_report_sources', 'casualtyReportId', 'sourceId', Source, report.id);
  }

  create(input: CreateCasualtyReportInput): Promise<CasualtyReport> {
    return this.writer.create('CasualtyReport', async (manager) => {
      const id = await insertRow(manager, CasualtyReport, {
        ...counts(input),
        asOf: toIsoDay(input.asOf),
        datePrecision: input.datePrecision ?? DatePrecision.DAY,
        claimStatus: input.claimStatus ?? ClaimStatus.REPORTED,
        ...(await reportReferences(manager, input)),
      });
      await replaceLinks(manager, CASUALTY_REPORT_SOURCES, id, await references(manager, input.sourceIds, 'Source', 'sourceIds'));
      return id;
    });
  }

  update(id: string, input: UpdateCasualtyReportInput): Promise<CasualtyReport> {
    return this.writer.update<CasualtyReport>('CasualtyReport', id, async (manager, report) => {
      await updateColumns(manager, CasualtyReport, report.id, {
        ...counts(input),
        asOf: input.asOf ? toIsoDay(input.asOf) : notNull(input.asOf, 'asOf'),
        datePrecision: notNull(input.datePrecision, 'datePrecision'),
        claimStatus: notNull(input.claimStatus, 'claimStatus'),
        ...(await reportReferences(manager, input)),
      });
      await replaceLinks(manager, CASUALTY_REPORT_SOURCES, report.id, await references(manager, input.sourceIds, 'Source', 'sourceIds'));
    });
  }

  remove(id: string): Promise<string> {
    return this.writer.remove('CasualtyReport', id);
  }
}

function counts(input: CreateCasualtyReportInput | UpdateCasualtyReportInput): Partial<CasualtyReport> {
  return { killed: input.killed, wounded: input.wounded, captured: input.captured, missing: input.missing };
}

async function reportReferences(manager: EntityManager, input: CreateCasualtyReportInput | UpdateCasualtyReportInput): Promise<Partial<CasualtyReport>> {
  return {
    countryId: (await reference(manager, notNull(input.countryId, 'countryId'), 'Country', 'countryId')) ?? undefined,
    reportedById: await reference(manager, input.reportedById, 'Organization', 'reportedById'),
    reportedByCountryId: await reference(manager, input.reportedByCountryId, 'Country', 'reportedByCountryId'),
    eventId: await reference(manager, input.eventId, 'Event', 'eventId'),
  };
}
