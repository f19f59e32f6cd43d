import { DataSource } from 'typeorm';
import { Page, PageRequest } from '../common/connection';
import { whereIdsIn } from '../common/filters';
import { idKey, Ordering, paginate, textKey } from '../common/keyset';
import { Loaders } from '../db/loaders';
import { whereMatches } from '../search/full-text';
import { Organization } from './organization.entity';
import { FactWriter } from '../revisions/fact-writer';
import { insertRow, notNull, optionalText, reference, updateColumns } from '../revisions/write-helpers';
import { CreateOrganizationInput, OrganizationFilter, UpdateOrganizationInput } from './organization.inputs';

const BY_NAME: Ordering = { name: 'organizations:name', keys: [textKey('"organization"."name"'), idKey('"organization"."id"')], direction: 'ASC' };

export class OrganizationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loaders: Loaders,
    private readonly writer: FactWriter,
  ) {}

  list(filter: OrganizationFilter | null | undefined, page: PageRequest): Promise<Page<Organization>> {
    const query = this.dataSource.getRepository(Organization).createQueryBuilder('organization');
    whereIdsIn(query, filter?.countryIds, 'Country', 'filter.countryIds', (ids) => `"organization"."countryId" IN ${ids}`);
    whereMatches(query, 'Organization', '"organization"."id"', filter?.search);
    return paginate(query, BY_NAME, page, (ids) => this.loaders.byId(Organization).loadMany(ids));
  }

  byId(id: number | null): Promise<Organization | null> {
    return this.loaders.optional(Organization, id);
  }

  create(input: CreateOrganizationInput): Promise<Organization> {
    return this.writer.create('Organization', async (manager) =>
      insertRow(manager, Organization, {
        name: input.name.trim(),
        acronym: optionalText(input.acronym) ?? null,
        countryId: (await reference(manager, input.countryId, 'Country', 'countryId')) ?? null,
      }),
    );
  }

  update(id: string, input: UpdateOrganizationInput): Promise<Organization> {
    return this.writer.update<Organization>('Organization', id, async (manager, organization) =>
      updateColumns(manager, Organization, organization.id, {
        name: notNull(input.name, 'name')?.trim(),
        acronym: optionalText(input.acronym),
        countryId: await reference(manager, input.countryId, 'Country', 'countryId'),
      }),
    );
  }

  remove(id: string): Promise<string> {
    return this.writer.remove('Organization', id);
  }
}
