import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ClaimStatus, DatePrecision, EventType } from '../common/enums';
import { CasualtyReport } from '../casualties/casualty-report.entity';
import { Country } from '../countries/country.entity';
import { Event } from '../events/event.entity';
import { EventFigure } from '../events/event-figure.entity';
import { Official } from '../officials/official.entity';
import { Organization } from '../organizations/organization.entity';
import { Source } from '../sources/source.entity';
import { Statement } from '../statements/statement.entity';
import type { NodeTypeName } from '../common/global-id';
import { CASUALTY_REPORT_SOURCES, EVENT_LINKS, STATEMENT_SOURCES } from '../revisions/fact-kinds';
import { recordCreation } from '../revisions/fact-writer';
import { replaceLinks } from '../revisions/write-helpers';
import { SEED_DATA, SeedData } from './seed-data';
import { writeTransaction } from '../db/write-transaction';

/** The actor of the revisions that record the seed's facts. */
export const SEED_ACTOR = 'seed';

export class SeedError extends Error {}

export type SeedReport = Record<keyof SeedData, number>;

type KeyMap = Map<string, number>;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkEnum<T extends string>(values: Record<string, T>, value: string, where: string): T {
  if (!Object.values(values).includes(value as T)) throw new SeedError(`${where}: "${value}" is not one of ${Object.values(values).join(', ')}`);
  return value as T;
}

function checkDay(value: string | null, where: string): string | null {
  if (value !== null && (!ISO_DAY.test(value) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value)) {
    throw new SeedError(`${where}: "${value}" is not a YYYY-MM-DD date`);
  }
  return value;
}

/**
 * Inserts the seed entries whose key the database does not hold yet, in one transaction, each
 * recorded as a revision like any other creation (so changes(since:) shows facts the seed adds).
 * Entries already there, deleted ones included, are never touched, so an editor's correction
 * or deletion survives a restart, and an entry added to a seed file arrives on the next start.
 */
export async function seedDatabase(dataSource: DataSource, data: SeedData = SEED_DATA): Promise<SeedReport> {
  return writeTransaction(dataSource, async (manager) => {
    const report: SeedReport = { sources: 0, countries: 0, organizations: 0, officials: 0, events: 0, statements: 0, casualtyReports: 0 };

    async function insertMissing<S extends { key: string }, E extends ObjectLiteral>(
      kind: keyof SeedData,
      entity: EntityTarget<E>,
      type: NodeTypeName,
      entries: S[],
      toRow: (entry: S, where: string) => Partial<E>,
      afterInsert?: (entry: S, id: number, where: string) => Promise<void>,
    ): Promise<KeyMap> {
      const keys = await keyMap(manager, entity);
      for (const entry of entries) {
        if (keys.has(entry.key)) continue;
        const where = `seed ${kind} "${entry.key}"`;
        const result = await manager.insert(entity, { ...toRow(entry, where), seedKey: entry.key } as never);
        const id = Number(result.identifiers[0].id);
        keys.set(entry.key, id);
        await afterInsert?.(entry, id, where);
        await recordCreation(manager, type, id, SEED_ACTOR);
        report[kind] += 1;
      }
      return keys;
    }

    const sources = await insertMissing('sources', Source, 'Source', data.sources, (entry, where) => ({
      title: entry.title,
      publisher: entry.publisher,
      author: entry.author,
      url: entry.url,
      language: entry.language,
      publishedOn: checkDay(entry.publishedOn, `${where} publishedOn`),
      retrievedOn: checkDay(entry.retrievedOn, `${where} retrievedOn`),
    }));
    const countries = await insertMissing('countries', Country, 'Country', data.countries, (entry) => ({ name: entry.name, isoCode: entry.isoCode }));
    const organizations = await insertMissing('organizations', Organization, 'Organization', data.organizations, (entry, where) => ({
      name: entry.name,
      acronym: entry.acronym,
      countryId: optionalRef(countries, entry.country, `${where} country`),
    }));
    const officials = await insertMissing('officials', Official, 'Official', data.officials, (entry, where) => ({
      name: entry.name,
      role: entry.role,
      countryId: optionalRef(countries, entry.country, `${where} country`),
      organizationId: optionalRef(organizations, entry.organization, `${where} organization`),
    }));
    const events = await insertMissing(
      'events',
      Event,
      'Event',
      data.events,
      (entry, where) => ({
        title: entry.title,
        summary: entry.summary,
        date: checkDay(entry.date, `${where} date`)!,
        datePrecision: checkEnum(DatePrecision, entry.datePrecision, `${where} datePrecision`),
        endDate: checkDay(entry.endDate, `${where} endDate`),
        type: checkEnum(EventType, entry.type, `${where} type`),
        claimStatus: checkEnum(ClaimStatus, entry.claimStatus, `${where} claimStatus`),
        locationName: entry.location?.name ?? null,
        locationCountryId: optionalRef(countries, entry.location?.country ?? null, `${where} location.country`),
        locationLatitude: entry.location?.latitude ?? null,
        locationLongitude: entry.location?.longitude ?? null,
      }),
      async (entry, id, where) => {
        await replaceLinks(manager, EVENT_LINKS.countries, id, refs(countries, entry.countries, `${where} countries`));
        await replaceLinks(manager, EVENT_LINKS.officials, id, refs(officials, entry.officials, `${where} officials`));
        await replaceLinks(manager, EVENT_LINKS.sources, id, refs(sources, entry.sources, `${where} sources`));
        if (entry.figures.length > 0) await manager.insert(EventFigure, entry.figures.map((figure) => ({ ...figure, eventId: id })));
      },
    );
    await insertMissing(
      'statements',
      Statement,
      'Statement',
      data.statements,
      (entry, where) => ({
        text: entry.text,
        isQuote: entry.isQuote,
        date: checkDay(entry.date, `${where} date`)!,
        datePrecision: checkEnum(DatePrecision, entry.datePrecision, `${where} datePrecision`),
        speakerId: optionalRef(officials, entry.speaker, `${where} speaker`),
        countryId: optionalRef(countries, entry.country, `${where} country`),
        organizationId: optionalRef(organizations, entry.organization, `${where} organization`),
        eventId: optionalRef(events, entry.event, `${where} event`),
      }),
      (entry, id, where) => replaceLinks(manager, STATEMENT_SOURCES, id, refs(sources, entry.sources, `${where} sources`)),
    );
    await insertMissing(
      'casualtyReports',
      CasualtyReport,
      'CasualtyReport',
      data.casualtyReports,
      (entry, where) => ({
        countryId: ref(countries, entry.country, `${where} country`),
        killed: entry.killed,
        wounded: entry.wounded,
        captured: entry.captured,
        missing: entry.missing,
        asOf: checkDay(entry.asOf, `${where} asOf`)!,
        datePrecision: checkEnum(DatePrecision, entry.datePrecision, `${where} datePrecision`),
        claimStatus: checkEnum(ClaimStatus, entry.claimStatus, `${where} claimStatus`),
        reportedById: optionalRef(organizations, entry.reportedBy, `${where} reportedBy`),
        reportedByCountryId: optionalRef(countries, entry.reportedByCountry, `${where} reportedByCountry`),
        eventId: optionalRef(events, entry.event, `${where} event`),
      }),
      (entry, id, where) => replaceLinks(manager, CASUALTY_REPORT_SOURCES, id, refs(sources, entry.sources, `${where} sources`)),
    );
    return report;
  });
}

async function keyMap<E extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<E>): Promise<KeyMap> {
  const rows: { id: number; seedKey: string }[] = await manager
    .createQueryBuilder(entity, 'row')
    .select('row.id', 'id')
    .addSelect('row.seedKey', 'seedKey')
    .where('row.seedKey IS NOT NULL')
    .withDeleted()
    .getRawMany();
  return new Map(rows.map((row) => [row.seedKey, Number(row.id)]));
}

function ref(keys: KeyMap, key: string, where: string): number {
  const id = keys.get(key);
  if (id === undefined) throw new SeedError(`${where}: no entry has the key "${key}"`);
  return id;
}

function optionalRef(keys: KeyMap, key: string | null, where: string): number | null {
  return key === null ? null : ref(keys, key, where);
}

function refs(keys: KeyMap, list: string[], where: string): number[] {
  return list.map((key) => ref(keys, key, where));
}
