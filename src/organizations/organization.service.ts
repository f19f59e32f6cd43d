import { DataSource } from 'typeorm';
import { Page, PageRequest } from '../common/connection';
import { whereIdsIn } from '../common/filters';
import { Ordering, paginate } from '../common/keyset';
import { Loaders } from '../db/loaders';
import { whereMatches } from '../search/full-text';
import { Organization } from './organization.entity';
import { OrganizationFilter } from './organization.inputs';

const BY_NAME: Ordering = { name: 'organizations:name', keys: ['"organization"."name"', '"organization"."id"'], direction: 'ASC' };

export class OrganizationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loaders: Loaders,
  ) {}

  list(filter: OrganizationFilter | null | undefined, page: PageRequest): Promise<Page<Organization>> {
    const query = this.dataSource.getRepository(Organization).createQueryBuilder('organization');
    whereIdsIn(query, filter?.countryIds, 'Country', 'filter.countryIds', (ids) => `"organization"."countryId" IN ${ids}`);
    whereMatches(query, 'Organization', '"organization"."id"', filter?.search);
    return paginate(query, BY_NAME, page, (ids) => this.loaders.byId(Organization).loadMany(ids));
  }

  byId(id: number | null): Promise<Organization | null> {
    return id === null ? Promise.resolve(null) : this.loaders.byId(Organization).load(id);
  }
}
