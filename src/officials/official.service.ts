import { DataSource } from 'typeorm';
import { Page, PageRequest } from '../common/connection';
import { whereIdsIn } from '../common/filters';
import { idKey, Ordering, paginate, textKey } from '../common/keyset';
import { Loaders } from '../db/loaders';
import { whereMatches } from '../search/full-text';
import { Official } from './official.entity';
import { FactWriter } from '../revisions/fact-writer';
import { insertRow, notNull, optionalText, reference, updateColumns } from '../revisions/write-helpers';
import { CreateOfficialInput, OfficialFilter, UpdateOfficialInput } from './official.inputs';

const BY_NAME: Ordering = { name: 'officials:name', keys: [textKey('"official"."name"'), idKey('"official"."id"')], direction: 'ASC' };

export class OfficialService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loaders: Loaders,
    private readonly writer: FactWriter,
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
    return this.loaders.optional(Official, id);
  }

  create(input: CreateOfficialInput): Promise<Official> {
    return this.writer.create('Official', async (manager) =>
      insertRow(manager, Official, {
        name: input.name.trim(),
        role: optionalText(input.role) ?? null,
        countryId: (await reference(manager, input.countryId, 'Country', 'countryId')) ?? null,
        organizationId: (await reference(manager, input.organizationId, 'Organization', 'organizationId')) ?? null,
      }),
    );
  }

  update(id: string, input: UpdateOfficialInput): Promise<Official> {
    return this.writer.update<Official>('Official', id, async (manager, official) =>
      updateColumns(manager, Official, official.id, {
        name: notNull(input.name, 'name')?.trim(),
        role: optionalText(input.role),
        countryId: await reference(manager, input.countryId, 'Country', 'countryId'),
        organizationId: await reference(manager, input.organizationId, 'Organization', 'organizationId'),
      }),
    );
  }

  remove(id: string): Promise<string> {
    return this.writer.remove('Official', id);
  }
}
