/**
 * A list without a filter takes its totalCount from the counts the triggers keep, not from a COUNT(*) over the
 * table: the total must stay exact through every kind of write, and never be used where a filter keeps fewer rows.
 */
import { dataOf, startTestServer, StatementCounter, TestServer } from './helpers/server';
import { issueToken } from './helpers/tokens';

const counter = new StatementCounter();
let server: TestServer;
let editor: Record<string, string>;
let admin: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer({ logger: counter });
  [editor, admin] = [await issueToken(server, 'counting-editor'), await issueToken(server, 'counting-admin', 'admin')];
});
afterAll(() => server.stop());

const TOTALS = `{ events { totalCount } statements { totalCount } sources { totalCount } countries { totalCount } organizations { totalCount } officials { totalCount } casualties { totalCount } }`;

/** What COUNT(*) says of each list, for comparison. */
async function counted() {
  const count = async (table: string) => Number((await server.dataSource.query(`SELECT COUNT(*) AS "count" FROM "${table}" WHERE "deletedAt" IS NULL`))[0].count);
  const [events, statements, sources, countries, organizations, officials, casualties] = await Promise.all(
    ['events', 'statements', 'sources', 'countries', 'organizations', 'officials', 'casualty_reports'].map(count),
  );
  const total = (totalCount: number) => ({ totalCount });
  return { events: total(events), statements: total(statements), sources: total(sources), countries: total(countries), organizations: total(organizations), officials: total(officials), casualties: total(casualties) };
}

describe('totalCount of a list without a filter', () => {
  it('is read, not counted', async () => {
    counter.reset();
    dataOf(await server.gql(`{ events(first: 1) { totalCount } }`));
    expect(counter.statements.filter((sql) => /COUNT\(\*\)/i.test(sql))).toEqual([]);
    expect(counter.statements.some((sql) => sql.includes('"live_counts"'))).toBe(true);
  });

  it('matches COUNT(*) after the seed, and after a create, a delete and a restore of each kind it counts', async () => {
    expect(dataOf(await server.gql(TOTALS))).toEqual(await counted());
    const created = dataOf(await server.gql(`mutation { createEvent(input: { title: "Counted once", date: "2025-08-01", type: OTHER }) { id } }`, {}, editor)).createEvent;
    const source = dataOf(await server.gql(`mutation { createSource(input: { title: "Counted source" }) { id } }`, {}, editor)).createSource;
    expect(dataOf(await server.gql(TOTALS))).toEqual(await counted());
    const before = dataOf(await server.gql(TOTALS));
    dataOf(await server.gql(`mutation($id: ID!) { deleteEvent(id: $id) }`, { id: created.id }, editor));
    dataOf(await server.gql(`mutation($id: ID!) { deleteSource(id: $id) }`, { id: source.id }, editor));
    const afterDelete = dataOf(await server.gql(TOTALS));
    expect(afterDelete.events.totalCount).toBe(before.events.totalCount - 1);
    expect(afterDelete.sources.totalCount).toBe(before.sources.totalCount - 1);
    expect(afterDelete).toEqual(await counted());
    dataOf(await server.gql(`mutation($id: ID!) { restore(id: $id) { id } }`, { id: created.id }, admin));
    const afterRestore = dataOf(await server.gql(TOTALS));
    expect(afterRestore.events.totalCount).toBe(before.events.totalCount);
    expect(afterRestore).toEqual(await counted());
    // An update that changes other columns leaves the count as it is.
    dataOf(await server.gql(`mutation($id: ID!) { updateEvent(id: $id, input: { title: "Counted, renamed" }) { id } }`, { id: created.id }, editor));
    expect(dataOf(await server.gql(TOTALS))).toEqual(afterRestore);
  });

  it('is counted where a filter keeps fewer rows, an empty list included', async () => {
    const data = dataOf(await server.gql(`{ all: events { totalCount } none: events(filter: { countryIds: [] }) { totalCount } some: events(filter: { types: [COMBAT] }) { totalCount } blank: events(filter: { search: "  " }) { totalCount } }`));
    expect(data.none.totalCount).toBe(0);
    expect(data.some.totalCount).toBeGreaterThan(0);
    expect(data.some.totalCount).toBeLessThan(data.all.totalCount);
    expect(data.blank.totalCount).toBe(data.all.totalCount);
  });
});
