import { DataSource } from 'typeorm';
import { Page, PageRequest } from '../common/connection';
import { Ordering, paginate } from '../common/keyset';
import { Loaders } from '../db/loaders';
import { whereMatches } from '../search/full-text';
import { Source } from './source.entity';
import { SourceFilter } from './source.inputs';

/** Sources keep the order they were added in: the article's references come first, numbered. */
const BY_ID: Ordering = { name: 'sources:id', keys: ['"source"."id"'], direction: 'ASC' };

export class SourceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loaders: Loaders,
  ) {}

  list(filter: SourceFilter | null | undefined, page: PageRequest): Promise<Page<Source>> {
    const query = this.dataSource.getRepository(Source).createQueryBuilder('source');
    whereMatches(query, 'Source', '"source"."id"', filter?.search);
    return paginate(query, BY_ID, page, (ids) => this.loaders.byId(Source).loadMany(ids));
  }
}
