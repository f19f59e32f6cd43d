import type { DataSource, EntityManager } from 'typeorm';
import type { Loaders } from '../db/loaders';
import { ConflictError } from '../errors/errors';
import { insertRow, notNull, updateColumns } from '../facts/columns';
import type { FactWriter } from '../facts/fact-writer';
import type { ServiceDeps } from '../facts/services';
import { Page, PageRequest } from '../relay/connection';
import { idKey, Ordering, paginate, textKey } from '../relay/keyset';
import { whereMatches } from '../search/full-text';
import { Country } from './country.entity';
import { CountryFilter, CreateCountryInput, UpdateCountryInput } from './country.inputs';

const BY_NAME: Ordering = { name: 'countries:name', keys: [textKey('"country"."name"'), idKey('"country"."id"')], direction: 'ASC' };

export class CountryService {
  private readonly dataSource: DataSource;
  private readonly loaders: Loaders;
  private readonly writer: FactWriter;
  private readonly searchCode: number;

  constructor({ dataSource, loaders, writer, kinds }: ServiceDeps) {
    this.dataSource = dataSource;
    this.loaders = loaders;
    this.writer = writer;
    this.searchCode = kinds.searchCode(Country);
  }

  list(filter: CountryFilter | null | undefined, page: PageRequest): Promise<Page<Country>> {
    const query = this.dataSource.getRepository(Country).createQueryBuilder('country');
    whereMatches(query, this.searchCode, '"country"."id"', filter?.search);
    return paginate(query, BY_NAME, page, (ids) => this.loaders.byId(Country).loadMany(ids));
  }

  byId(id: number | null): Promise<Country | null> {
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
