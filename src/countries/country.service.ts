import type { EntityManager } from 'typeorm';
import type { Awaitable } from '../db/loaders';
import { ConflictError } from '../errors/errors';
import { insertRow, notNull, updateColumns } from '../facts/columns';
import { Service } from '../facts/services';
import { Page, PageRequest } from '../relay/connection';
import { idKey, Ordering, paginate, textKey } from '../relay/keyset';
import { whereMatches } from '../search/full-text';
import { Country } from './country.entity';
import { CountryFilter, CreateCountryInput, UpdateCountryInput } from './country.inputs';

const BY_NAME: Ordering = { name: 'countries:name', keys: [textKey('"country"."name"'), idKey('"country"."id"')], direction: 'ASC' };

export class CountryService extends Service {
  list(filter: CountryFilter | null | undefined, page: PageRequest): Promise<Page<Country>> {
    const query = this.dataSource.getRepository(Country).createQueryBuilder('country');
    whereMatches(query, this.kinds.searchCode(Country), '"country"."id"', filter?.search);
    return paginate(query, BY_NAME, page, this.loaders.pageOf(Country), this.knownTotal(Country, filter));
  }

  byId(id: number | null): Awaitable<Country | null> {
    return this.loaders.optional(Country, id);
  }

  create(input: CreateCountryInput): Promise<Country> {
    return this.writer.create(Country, async (manager) => {
      await refuseTakenIsoCode(manager, input.isoCode);
      return insertRow(manager, Country, { name: input.name.trim(), isoCode: input.isoCode ?? null });
    });
  }

  update(id: string, input: UpdateCountryInput): Promise<Country> {
    return this.writer.update(Country, id, async (manager, country) => {
      if (input.isoCode !== country.isoCode) await refuseTakenIsoCode(manager, input.isoCode);
      await updateColumns(manager, Country, country.id, { name: notNull(input.name, 'name')?.trim(), isoCode: input.isoCode });
    });
  }

  remove(id: string): Promise<string> {
    return this.writer.remove(Country, id);
  }
}

/** ISO codes are unique, deleted countries included (they can be restored). */
async function refuseTakenIsoCode(manager: EntityManager, isoCode: string | null | undefined): Promise<void> {
  if (!isoCode) return;
  const holder = await manager.findOne(Country, { where: { isoCode }, withDeleted: true });
  if (holder) throw new ConflictError(`isoCode ${isoCode} already belongs to ${holder.name}${holder.deletedAt ? ' (deleted; an admin can restore it)' : ''}`);
}
