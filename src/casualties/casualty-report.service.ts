import { DataSource } from 'typeorm';
import { Page, PageRequest } from '../common/connection';
import { whereDateBetween, whereIdsIn } from '../common/filters';
import { Ordering, paginate } from '../common/keyset';
import { Loaders } from '../db/loaders';
import { Source } from '../sources/source.entity';
import { CasualtyReport } from './casualty-report.entity';
import { CasualtyFilter } from './casualty-report.inputs';

const BY_DATE: Ordering = { name: 'casualties:asOf', keys: ['"report"."asOf"', '"report"."id"'], direction: 'ASC' };

export class CasualtyReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loaders: Loaders,
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
}
