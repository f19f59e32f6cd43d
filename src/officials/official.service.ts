import type { Awaitable } from '../db/loaders';
import { whereRelatedIn } from '../db/relations';
import { insertRow, notNull, optionalText, reference, updateColumns } from '../facts/columns';
import { Service } from '../facts/services';
import { Page, PageRequest } from '../relay/connection';
import { idKey, Ordering, paginate, textKey } from '../relay/keyset';
import { whereMatches } from '../search/full-text';
import { Official } from './official.entity';
import { CreateOfficialInput, OfficialFilter, UpdateOfficialInput } from './official.inputs';

const BY_NAME: Ordering = { name: 'officials:name', keys: [textKey('"official"."name"'), idKey('"official"."id"')], direction: 'ASC' };

export class OfficialService extends Service {
  private query() {
    return this.dataSource.getRepository(Official).createQueryBuilder('official');
  }

  list(filter: OfficialFilter | null | undefined, page: PageRequest): Promise<Page<Official>> {
    const query = this.query();
    whereRelatedIn(query, 'country', filter?.countryIds, 'filter.countryIds');
    whereRelatedIn(query, 'organization', filter?.organizationIds, 'filter.organizationIds');
    whereMatches(query, this.kinds.searchCode(Official), '"official"."id"', filter?.search);
    return paginate(query, BY_NAME, page, this.loaders.pageOf(Official), this.knownTotal(Official, filter));
  }

  /** Country.officials, batched across the countries of a list. */
  ofCountry(countryId: number, request: PageRequest): Promise<Page<Official>> {
    return this.loaders.nestedPage(countryId, {
      name: 'officials:country',
      query: () => this.query(),
      parentKey: '"official"."countryId"',
      ordering: BY_NAME,
      request,
      nodes: this.loaders.pageOf(Official),
    });
  }

  byId(id: number | null): Awaitable<Official | null> {
    return this.loaders.optional(Official, id);
  }

  create(input: CreateOfficialInput): Promise<Official> {
    return this.writer.create(Official, async (manager) =>
      insertRow(manager, Official, {
        name: input.name.trim(),
        role: optionalText(input.role) ?? null,
        countryId: (await reference(manager, Official, 'country', input.countryId)) ?? null,
        organizationId: (await reference(manager, Official, 'organization', input.organizationId)) ?? null,
      }),
    );
  }

  update(id: string, input: UpdateOfficialInput): Promise<Official> {
    return this.writer.update(Official, id, async (manager, official) =>
      updateColumns(manager, Official, official.id, {
        name: notNull(input.name, 'name')?.trim(),
        role: optionalText(input.role),
        countryId: await reference(manager, Official, 'country', input.countryId),
        organizationId: await reference(manager, Official, 'organization', input.organizationId),
      }),
    );
  }

  remove(id: string): Promise<string> {
    return this.writer.remove(Official, id);
  }
}
