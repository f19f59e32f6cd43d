import { DataSource } from 'typeorm';
import { Page, PageRequest } from '../common/connection';
import { whereDateBetween, whereIdsIn } from '../common/filters';
import { Ordering, paginate } from '../common/keyset';
import { Loaders } from '../db/loaders';
import { whereMatches } from '../search/full-text';
import { Source } from '../sources/source.entity';
import { Statement } from './statement.entity';
import { StatementFilter } from './statement.inputs';

const BY_DATE: Ordering = { name: 'statements:date', keys: ['"statement"."date"', '"statement"."id"'], direction: 'ASC' };

export class StatementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loaders: Loaders,
  ) {}

  private query() {
    return this.dataSource.getRepository(Statement).createQueryBuilder('statement');
  }

  private loadNodes = (ids: number[]) => this.loaders.byId(Statement).loadMany(ids);

  list(filter: StatementFilter | null | undefined, page: PageRequest): Promise<Page<Statement>> {
    const query = this.query();
    whereIdsIn(query, filter?.speakerIds, 'Official', 'filter.speakerIds', (ids) => `"statement"."speakerId" IN ${ids}`);
    whereIdsIn(query, filter?.countryIds, 'Country', 'filter.countryIds', (ids) => `"statement"."countryId" IN ${ids}`);
    whereIdsIn(query, filter?.organizationIds, 'Organization', 'filter.organizationIds', (ids) => `"statement"."organizationId" IN ${ids}`);
    whereDateBetween(query, '"statement"."date"', filter?.from, filter?.to);
    whereMatches(query, 'Statement', '"statement"."id"', filter?.search);
    return paginate(query, BY_DATE, page, this.loadNodes);
  }

  /** Statements made by an official (speakerId) or on behalf of a country (countryId), batched across parents. */
  of(parentColumn: 'speakerId' | 'countryId', parentId: number, request: PageRequest): Promise<Page<Statement>> {
    return this.loaders.nestedPage(parentId, {
      name: `statements:${parentColumn}`,
      query: () => this.query(),
      parentKey: `"statement"."${parentColumn}"`,
      ordering: BY_DATE,
      request,
      loadNodes: this.loadNodes,
    });
  }

  sources(statement: Statement): Promise<Source[]> {
    return this.loaders.linkedEntities('statement_sources', 'statementId', 'sourceId', Source, statement.id);
  }
}
