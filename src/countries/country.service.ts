import { DataSource } from 'typeorm';
import { Page, PageRequest } from '../common/connection';
import { Ordering, paginate } from '../common/keyset';
import { Loaders } from '../db/loaders';
import { whereMatches } from '../search/full-text';
import { Country } from './country.entity';
import { CountryFilter } from './country.inputs';

const BY_NAME: Ordering = { name: 'countries:name', keys: ['"country"."name"', '"country"."id"'], direction: 'ASC' };

export class CountryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loaders: Loaders,
  ) {}

  list(filter: CountryFilter | null | undefined, page: PageRequest): Promise<Page<Country>> {
    const query = this.dataSource.getRepository(Country).createQueryBuilder('country');
    whereMatches(query, 'Country', '"country"."id"', filter?.search);
    return paginate(query, BY_NAME, page, (ids) => this.loaders.byId(Country).loadMany(ids));
  }

  byId(id: number | null): Promise<Country | null> {
    return id === null ? Promise.resolve(null) : this.loaders.byId(Country).load(id);
  }
}
