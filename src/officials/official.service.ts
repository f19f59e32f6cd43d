import { DataSource } from 'typeorm';
import { Page, PageRequest } from '../common/connection';
import { whereIdsIn } from '../common/filters';
import { Ordering, paginate } from '../common/keyset';
import { Loaders } from '../db/loaders';
import { whereMatches } from '../search/full-text';
import { Official } from './official.entity';
import { OfficialFilter } from './official.inputs';

const BY_NAME: Ordering = { name: 'officials:name', keys: ['"official"."name"', '"official"."id"'], direction: 'ASC' };

export class OfficialService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loaders: Loaders,
  ) {}

  private query() {
    return this.dataSource.getRepository(Official).createQueryBuilder('official');
  }

  private loadNodes = (ids: number[]) => this.loaders.byId(Official).loadMany(ids);

  list(filter: OfficialFilter | null | undefined, page: PageRequest): Promise<Page<Official>> {
    const query = this.query();
    whereIdsIn(query, filter?.countryIds, 'Country', 'filter.countryIds', (ids) => `"official"."countryId" IN ${ids}`);
    whereIdsIn(query, filter?.organizationIds, 'Organization', 'filter.organizationIds', (ids) => `"official"."organizationId" IN ${ids}`);
    whereMatches(query, 'Official', '"official"."id"', filter?.search);
    return paginate(query, BY_NAME, page, this.loadNodes);
  }

  ofCountry(countryId: number, request: PageRequest): Promise<Page<Official>> {
    return this.loaders.nestedPage(countryId, {
      name: 'officials:country',
      query: () => this.query(),
      parentKey: '"official"."countryId"',
      ordering: BY_NAME,
      request,
      loadNodes: this.loadNodes,
    });
  }

  byId(id: number | null): Promise<Official | null> {
    return id === null ? Promise.resolve(null) : this.loaders.byId(Official).load(id);
  }
}
