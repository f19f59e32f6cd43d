import { dataOf, startTestServer, StatementCounter, TestServer } from './helpers/server';

const counter = new StatementCounter();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ logger: counter });
});
afterAll(() => server.stop());

async function statementsFor(query: string, variables: Record<string, unknown>) {
  counter.reset();
  const data = dataOf(await server.gql(query, variables));
  return { data, statements: counter.count, distinctSql: new Set(counter.statements).size };
}

describe('nested fields are batched per request', () => {
  it('runs as many SQL statements for 50 events as for 2', async () => {
    const query = `query($first: Int) { events(first: $first) { nodes { title countries { name } officials { name } sources { title } statements { text speaker { name } } } } }`;
    const small = await statementsFor(query, { first: 2 });
    const large = await statementsFor(query, { first: 50 });
    expect(small.data.events.nodes).toHaveLength(2);
    expect(large.data.events.nodes.length).toBeGreaterThan(30);
    expect(large.data.events.nodes.flatMap((n: { statements: unknown[] }) => n.statements).length).toBeGreaterThan(10);
    // One query per list and per kind of node; a kind reached at two depths (officials, speakers)
    // may be loaded in two batches when the database answers slower, which is still not per row.
    expect(large.statements).toBeLessThanOrEqual(small.statements + 2);
    expect(large.statements).toBeLessThanOrEqual(12);
  });

  it('batches nested connections across parents (one windowed query for every country)', async () => {
    const query = `query($first: Int) { countries(first: $first) { nodes { name events(first: 2) { totalCount nodes { title } } officials(first: 2) { totalCount nodes { name } } statements(first: 1) { totalCount } casualties(first: 1) { totalCount } } } }`;
    const large = await statementsFor(query, { first: 9 });
    expect(large.data.countries.nodes).toHaveLength(9);
    const russia = large.data.countries.nodes.find((n: { name: string }) => n.name === 'Russia');
    expect(russia.events.nodes).toHaveLength(2);
    expect(russia.events.totalCount).toBeGreaterThan(10);
    // Per list: its keys, its nodes and its counts; a query per country would repeat the same SQL.
    expect(large.distinctSql).toBe(large.statements);
    expect(large.statements).toBeLessThanOrEqual(2 + 4 * 3);
  });

  it('batches search results of every kind and their nested fields', async () => {
    const query = `query($first: Int) { search(query: "North Korea", first: $first) { nodes { __typename ... on Event { countries { name } } ... on Statement { speaker { name } sources { title } } ... on Official { country { name } } } } }`;
    const small = await statementsFor(query, { first: 2 });
    const large = await statementsFor(query, { first: 60 });
    expect(large.data.search.nodes.length).toBeGreaterThan(40);
    expect(large.statements).toBeLessThanOrEqual(small.statements + 8);
    expect(large.statements).toBeLessThanOrEqual(16);
  });
});
