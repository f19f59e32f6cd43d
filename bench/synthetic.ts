import 'reflect-metadata';
import { parseArgs } from 'node:util';
import type { DataSource, EntityManager } from 'typeorm';
import { describeDatabase, loadConfig } from '../src/app/config';
import { createDataSource } from '../src/app/data-source';
import { prepareDatabase } from '../src/app/prepare';
import { writeTransaction } from '../src/db/write-transaction';

/**
 * Grows a knowledge base to benchmark shapes, deterministically (the same --events gives the same rows): events
 * linked to a few countries, officials and sources each, a statement for every third event, a figure for every
 * fourth, a casualty report for every fiftieth, with text the search finds. The rows are written in bulk, not
 * through the mutations (a million events through the write path would take hours): they are benchmark data, with
 * no revisions and no seed keys, and belong in a database of their own.
 */

const PLACES = ['Kursk Oblast', 'Sudzha', 'Pokrovsk', 'Kharkiv', 'Donetsk', 'Zaporizhzhia', 'Belgorod', 'Vladivostok', 'Pyongyang', 'Rason', 'Kherson', 'Avdiivka'];
const SUBJECTS = ['North Korean troops', 'Russian forces', 'Ukrainian drones', 'artillery units', 'a KN-23 missile', 'Koksan howitzers', 'an arms shipment', 'a training brigade', 'special forces', 'a rail convoy'];
const ACTIONS = ['arrive near', 'strike', 'are reported in', 'withdraw from', 'are trained at', 'are shelled near', 'reinforce', 'are captured near'];
const DETAILS = ['according to intelligence reports', 'as officials confirmed', 'as satellite images suggest', 'according to a defence ministry', 'as local media reported', 'as prisoners said'];
const TYPES = ['DIPLOMACY', 'AGREEMENT', 'ARMS_TRANSFER', 'TROOP_DEPLOYMENT', 'TRAINING', 'COMBAT', 'CAPTURE', 'OTHER'];
const STATUSES = ['CONFIRMED', 'REPORTED', 'ALLEGED', 'DISPUTED'];
const FIRST_DAY = Date.UTC(2022, 1, 24);
const BATCH = 500;

/** mulberry32: a small, fast, seedable generator, so that a run is reproducible. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function ids(manager: EntityManager, table: string): Promise<number[]> {
  return (await manager.query(`SELECT "id" FROM "${table}" ORDER BY "id"`)).map((row: { id: number }) => Number(row.id));
}

/** Inserts rows in batches of multi-row INSERTs; returns the ids given, in order (ids grow with every insert). */
async function insert(manager: EntityManager, table: string, rows: Record<string, unknown>[]): Promise<number[]> {
  const inserted: number[] = [];
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const result = await manager.createQueryBuilder().insert().into(table).values(batch).execute();
    inserted.push(...result.identifiers.map((identifier) => Number(identifier?.id)));
  }
  return inserted;
}

async function link(manager: EntityManager, table: string, rows: Record<string, number>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) await manager.createQueryBuilder().insert().into(table).values(rows.slice(start, start + BATCH)).execute();
}

const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)];
const some = <T>(next: () => number, list: readonly T[], atMost: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(next() * atMost) }, () => pick(next, list)))];
const day = (offset: number) => new Date(FIRST_DAY + offset * 86_400_000).toISOString().slice(0, 10);

/** Adds events (and what comes with them) until the knowledge base holds `events` in all; a base that holds as many already is left as it is. */
export async function growKnowledgeBase(dataSource: DataSource, events: number, seed = 1): Promise<{ added: number; total: number }> {
  const [{ count }] = await dataSource.query(`SELECT COUNT(*) AS "count" FROM "events"`);
  const wanted = events - Number(count);
  if (wanted <= 0) return { added: 0, total: Number(count) };
  const next = random(seed + Number(count));
  await writeTransaction(
    dataSource,
    async (manager) => {
      const countries = await ids(manager, 'countries');
      const organizations = await ids(manager, 'organizations');
      const newSources = await insert(
        manager,
        'sources',
        Array.from({ length: Math.ceil(wanted / 20) }, (_, index) => ({ title: `Situation report ${index + 1}: ${pick(next, SUBJECTS)} ${pick(next, ACTIONS)} ${pick(next, PLACES)}`, publisher: pick(next, ['ISW', 'Reuters', 'Yonhap', 'Kyiv Independent', 'BBC']), language: 'en', publishedOn: day(Math.floor(next() * 1500)) })),
      );
      const sources = [...(await ids(manager, 'sources')).filter((id) => !newSources.includes(id)), ...newSources];
      const newOfficials = await insert(
        manager,
        'officials',
        Array.from({ length: Math.ceil(wanted / 100) }, (_, index) => ({ name: `Commander ${index + 1} of the ${pick(next, PLACES)} front`, role: 'Field commander', countryId: pick(next, countries), organizationId: next() < 0.3 ? pick(next, organizations) : null })),
      );
      const officials = [...(await ids(manager, 'officials')).filter((id) => !newOfficials.includes(id)), ...newOfficials];
      const eventRows = Array.from({ length: wanted }, () => {
        const place = pick(next, PLACES);
        return {
          title: `${pick(next, SUBJECTS)} ${pick(next, ACTIONS)} ${place}`,
          summary: `${pick(next, SUBJECTS)} ${pick(next, ACTIONS)} ${place}, ${pick(next, DETAILS)}.`,
          date: day(Math.floor(next() * 1500)),
          datePrecision: 'DAY',
          type: pick(next, TYPES),
          claimStatus: pick(next, STATUSES),
          locationName: place,
          locationCountryId: pick(next, countries),
          locationLatitude: 44 + next() * 10,
          locationLongitude: 30 + next() * 10,
        };
      });
      const eventIds = await insert(manager, 'events', eventRows);
      /** Every `step`-th new event, with its date: what the statements, figures and casualty reports are about. */
      const every = (step: number) => eventIds.flatMap((eventId, index) => (index % step === 0 ? [{ eventId, date: eventRows[index].date }] : []));
      await link(manager, 'event_countries', eventIds.flatMap((eventId) => some(next, countries, 3).map((countryId) => ({ eventId, countryId }))));
      await link(manager, 'event_officials', eventIds.flatMap((eventId) => (next() < 0.6 ? some(next, officials, 2) : []).map((officialId) => ({ eventId, officialId }))));
      await link(manager, 'event_sources', eventIds.flatMap((eventId) => some(next, sources, 3).map((sourceId) => ({ eventId, sourceId }))));
      await insert(
        manager,
        'event_figures',
        every(4).map(({ eventId }) => ({ eventId, subject: 'soldiers involved', unit: 'soldiers', best: Math.floor(next() * 5000), low: null, high: null })),
      );
      const statementIds = await insert(
        manager,
        'statements',
        every(3).map(({ eventId, date }, index) => ({ text: `"${pick(next, SUBJECTS)} ${pick(next, ACTIONS)} ${pick(next, PLACES)}," said commander ${index + 1}.`, isQuote: true, date, datePrecision: 'DAY', speakerId: pick(next, officials), eventId })),
      );
      await link(manager, 'statement_sources', statementIds.map((statementId) => ({ statementId, sourceId: pick(next, sources) })));
      await insert(
        manager,
        'casualty_reports',
        every(50).map(({ eventId, date }) => ({ countryId: pick(next, countries), killed: Math.floor(next() * 300), wounded: Math.floor(next() * 900), asOf: date, datePrecision: 'DAY', claimStatus: 'ALLEGED', reportedById: pick(next, organizations), eventId })),
      );
    },
    { lockTimeoutMs: 60_000 },
  );
  // A table loaded in bulk has no statistics until autovacuum comes by: the planner would take the events for a
  // few rows and choose accordingly (a filtered timeline ran 130 times slower on PostgreSQL before this).
  await dataSource.query('ANALYZE');
  return { added: wanted, total: events };
}

/** `npm run seed:synthetic -- --events N`: grows the database DATABASE_URL names (data/kb.sqlite by default) to N events. */
async function main() {
  const { values } = parseArgs({ options: { events: { type: 'string' }, seed: { type: 'string', default: '1' } } });
  const events = Number(values.events);
  if (!Number.isInteger(events) || events < 1) {
    console.error('usage: npm run seed:synthetic -- --events N [--seed S]   (grows the database DATABASE_URL names to N events)');
    process.exit(2);
  }
  const config = loadConfig();
  const dataSource = createDataSource(config.database);
  await prepareDatabase(dataSource);
  const started = Date.now();
  const { added, total } = await growKnowledgeBase(dataSource, events, Number(values.seed));
  console.log(`${describeDatabase(config.database)}: added ${added} synthetic events (${total} in all) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await dataSource.destroy();
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
