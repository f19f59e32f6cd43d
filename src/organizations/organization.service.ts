import type { Awaitable } from '../db/loaders';
import { whereRelatedIn } from '../db/relations';
import { insertRow, notNull, optionalText, reference, updateColumns } from '../facts/columns';
import { Service } from '../facts/services';
import { Page, PageRequest } from '../relay/connection';
import { idKey, Ordering, paginate, textKey } from '../relay/keyset';
import { whereMatches } from '../search/full-text';
import { Organization } from './organization.entity';
import { CreateOrganizationInput, OrganizationFilter, UpdateOrganizationInput } from './organization.inputs';

const BY_NAME: Ordering = { name: 'organizations:name', keys: [textKey('"organization"."name"'), idKey('"organization"."id"')], direction: 'ASC' };

export class OrganizationService extends Service {
  list(filter: OrganizationFilter | null | undefined, page: PageRequest): Promise<Page<Organization>> {
    const query = this.dataSource.getRepository(Organization).createQueryBuilder('organization');
    whereRelatedIn(query, 'country', filter?.countryIds, 'filter.countryIds');
    whereMatches(query, this.kinds.searchCode(Organization), '"organization"."id"', filter?.search);
    return paginate(query, BY_NAME, page, this.loaders.pageOf(Organization), this.knownTotal(Organization, filter));
  }

  byId(id: number | null): Awaitable<Organization | null> {
    return this.loaders.optional(Organization, id);
  }

  create(input: CreateOrganizationInput): Promise<Organization> {
    return this.writer.create(Organization, async (manager) =>
      insertRow(manager, Organization, {
        name: input.name.trim(),
        acronym: optionalText(input.acronym) ?? null,
        countryId: (await reference(manager, Organization, 'country', input.countryId)) ?? null,
      }),
    );
  }

  update(id: string, input: UpdateOrganizationInput): Promise<Organization> {
    return this.writer.update(Organization, id, async (manager, organization) =>
      updateColumns(manager, Organization, organization.id, {
        name: notNull(input.name, 'name')?.trim(),
        acronym: optionalText(input.acronym),
        countryId: await reference(manager, Organization, 'country', input.countryId),
      }),
    );
  }

  remove(id: string): Promise<string> {
    return this.writer.remove(Organization, id);
  }
}
