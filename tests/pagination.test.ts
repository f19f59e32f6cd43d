import { dataOf, errorCodes, startTestServer, TestServer } from './helpers/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const EVENTS_PAGE = `
  query Page($first: Int, $after: String, $last: Int, $before: String, $orderBy: EventOrder) {
    events(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
      totalCount
      edges { cursor node { id date } }
      nodes { id }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

async function page(variables: Record<string, unknown>) {
  return dataOf(await server.gql(EVENTS_PAGE, variables)).events;
}

async function allEventIds(): Promise<string[]> {
  return (await page({ first: 100 })).nodes.map((node: { id: string }) => node.id);
}

describe('Relay connections with keyset cursors', () => {
  it('pages forward through every event exactly once, in date order', async () => {
    const all = await allEventIds();
    expect(all.length).toBeGreaterThan(20);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const result = await page({ first: 7, after });
      pages += 1;
      expect(result.totalCount).toBe(all.length);
      expect(result.nodes.map((n: { id: string }) => n.id)).toEqual(result.edges.map((e: { node: { id: string } }) => e.node.id));
      expect(result.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(result.pageInfo.startCursor).toBe(result.edges[0]?.cursor ?? null);
      expect(result.pageInfo.endCursor).toBe(result.edges.at(-1)?.cursor ?? null);
      seen.push(...result.nodes.map((n: { id: string }) => n.id));
      if (!result.pageInfo.hasNextPage) break;
      after = result.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 7));
    const dates = (await page({ first: 100 })).edges.map((e: { node: { date: string } }) => e.node.date);
    expect(dates).toEqual([...dates].sort());
  });

  it('pages and counts a list filtered by links and dates as the same rows: each event once, however many of the countries and officials it names', async () => {
    const everything = dataOf(await server.gql(`{ events(first: 100) { nodes { id date countries { id } officials { id } } } }`)).events.nodes as { id: string; date: string; countries: { id: string }[]; officials: { id: string }[] }[];
    const countries = [...new Set(everything.flatMap((event) => event.countries.map((country) => country.id)))].slice(0, 3);
    const appearances = new Map<string, number>();
    for (const id of everything.flatMap((event) => event.officials.map((o) => o.id))) appearances.set(id, (appearances.get(id) ?? 0) + 1);
    const [official] = [...appearances].sort((a, b) => b[1] - a[1])[0];
    const filters = [
      { countryIds: countries, from: '2024-06-01' },
      { countryIds: countries, officialIds: [official] },
    ];
    for (const filter of filters) {
      const expected = everything
        .filter((event) => event.countries.some((country) => filter.countryIds.includes(country.id)))
        .filter((event) => !filter.officialIds || event.officials.some((o) => filter.officialIds!.includes(o.id)))
        .filter((event) => !filter.from || event.date >= filter.from)
        .sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? 1 : -1));
      expect(expected.length).toBeGreaterThan(2);
      const seen: string[] = [];
      const totals: number[] = [];
      let after: string | null = null;
      do {
        const events: { totalCount: number; nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = dataOf(
          await server.gql(`query($filter: EventFilter, $after: String) { events(first: 2, after: $after, filter: $filter, orderBy: { field: DATE, direction: DESC }) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`, { filter, after }),
        ).events;
        seen.push(...events.nodes.map((node) => node.id));
        totals.push(events.totalCount);
        after = events.pageInfo.hasNextPage ? events.pageInfo.endCursor : null;
      } while (after);
      expect(seen.sort()).toEqual(expected.map((event) => event.id).sort());
      expect(new Set(totals)).toEqual(new Set([expected.length]));
    }
  });

  it('pages backward with last/before to the same sequence', async () => {
    const all = await allEventIds();
    const seen: string[] = [];
    let before: string | null = null;
    for (;;) {
      const result = await page({ last: 5, before });
      expect(result.pageInfo.hasNextPage).toBe(before !== null);
      seen.unshift(...result.nodes.map((n: { id: string }) => n.id));
      if (!result.pageInfo.hasPreviousPage) break;
      before = result.pageInfo.startCursor;
    }
    expect(seen).toEqual(all);
  });

  it('goes back from a page in the middle to the page before it', async () => {
    const first = await page({ first: 4 });
    const second = await page({ first: 4, after: first.pageInfo.endCursor });
    const back = await page({ last: 4, before: second.pageInfo.startCursor });
    expect(back.nodes).toEqual(first.nodes);
    expect(back.pageInfo.hasPreviousPage).toBe(false);
    expect(back.pageInfo.hasNextPage).toBe(true);
  });

  it('orders by CREATED_AT and DESC, with cursors that follow that order', async () => {
    const descending = await page({ first: 100, orderBy: { field: 'DATE', direction: 'DESC' } });
    const dates = descending.edges.map((e: { node: { date: string } }) => e.node.date);
    expect(dates).toEqual([...dates].sort().reverse());
    const firstPage = await page({ first: 3, orderBy: { field: 'DATE', direction: 'DESC' } });
    const nextPage = await page({ first: 3, after: firstPage.pageInfo.endCursor, orderBy: { field: 'DATE', direction: 'DESC' } });
    expect(nextPage.nodes).toEqual(descending.nodes.slice(3, 6));

    const byCreation = await page({ first: 100, orderBy: { field: 'CREATED_AT', direction: 'ASC' } });
    expect(byCreation.totalCount).toBe(descending.totalCount);
    expect(new Set(byCreation.nodes.map((n: { id: string }) => n.id))).toEqual(new Set(descending.nodes.map((n: { id: string }) => n.id)));
  });

  it('refuses a cursor of another order or list', async () => {
    const byDate = await page({ first: 1 });
    const response = await server.gql(EVENTS_PAGE, { first: 1, after: byDate.pageInfo.endCursor, orderBy: { field: 'CREATED_AT', direction: 'ASC' } });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    const countries = await server.gql(`query($after: String) { countries(first: 1, after: $after) { totalCount } }`, { after: byDate.pageInfo.endCursor });
    expect(errorCodes(countries)).toEqual(['BAD_USER_INPUT']);
  });

  it.each([
    ['first: -1', { first: -1 }],
    ['first: 101', { first: 101 }],
    ['last: 1000', { last: 1000 }],
    ['first and last together', { first: 2, last: 2 }],
    ['a malformed after cursor', { first: 2, after: 'not-a-cursor' }],
    ['a malformed before cursor', { last: 2, before: 'eyJub3QiOiJhIGN1cnNvciJ9' }],
    ['a cursor of the right list with a key of the wrong type', { first: 2, after: Buffer.from(JSON.stringify(['events:DATE', { x: 1 }, 1])).toString('base64url') }],
  ])('refuses %s with BAD_USER_INPUT', async (_name, variables) => {
    const response = await server.gql(EVENTS_PAGE, variables);
    expect(response.status).toBe(200);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0].message).toMatch(/first|last|after|before/);
    expect(response.data).toBeNull();
  });

  it('accepts first: 0 (counts, and says whether there is anything) and first: 100, and defaults to 20', async () => {
    const empty = await page({ first: 0 });
    expect(empty.edges).toEqual([]);
    expect(empty.totalCount).toBeGreaterThan(0);
    expect(empty.pageInfo.hasNextPage).toBe(true);
    const nothing = dataOf(await server.gql(`{ events(first: 0, filter: { types: [] }) { pageInfo { hasNextPage } } }`));
    expect(nothing.events.pageInfo.hasNextPage).toBe(false);
    expect((await page({ first: 100 })).nodes.length).toBe(empty.totalCount);
    expect((await page({})).nodes.length).toBe(20);
  });

  it('pages every top-level list and nested connection', async () => {
    const data = dataOf(
      await server.gql(`{
        countries(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { name officials(first: 1) { totalCount nodes { name } } } }
        organizations(first: 2) { totalCount nodes { name } }
        officials(first: 2) { totalCount nodes { name } }
        casualties(first: 1) { totalCount pageInfo { hasNextPage } }
        statements(last: 2) { totalCount pageInfo { hasPreviousPage } }
        sources(first: 3) { totalCount nodes { title } }
      }`),
    );
    expect(data.countries.totalCount).toBeGreaterThanOrEqual(9);
    expect(data.countries.pageInfo.hasNextPage).toBe(true);
    const names = data.countries.nodes.map((n: { name: string }) => n.name);
    expect(names).toEqual([...names].sort());
    expect(data.organizations.totalCount).toBeGreaterThan(10);
    expect(data.officials.totalCount).toBeGreaterThan(15);
    expect(data.casualties.pageInfo.hasNextPage).toBe(true);
    expect(data.statements.pageInfo.hasPreviousPage).toBe(true);
    expect(data.sources.totalCount).toBe(48);
    expect(data.sources.nodes[0].title).toBe("Russian diplomats say North Korea has recognized Moscow's sovereignty over Crimea");

    const nextCountries = dataOf(await server.gql(`query($after: String) { countries(first: 100, after: $after) { nodes { name } } }`, { after: data.countries.pageInfo.endCursor }));
    expect(nextCountries.countries.nodes.map((n: { name: string }) => n.name)).not.toContain(names[1]);
    expect(nextCountries.countries.nodes.length).toBe(data.countries.totalCount - 2);
  });

  it('pages a nested connection with its own cursor', async () => {
    const query = `query($after: String) { countries(filter: { search: "Russia" }) { nodes { name events(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } } }`;
    const first = dataOf(await server.gql(query)).countries.nodes[0];
    expect(first.name).toBe('Russia');
    const second = dataOf(await server.gql(query, { after: first.events.pageInfo.endCursor })).countries.nodes[0];
    expect(second.events.totalCount).toBe(first.events.totalCount);
    expect(second.events.nodes).not.toContainEqual(first.events.nodes[2]);
    const all = dataOf(await server.gql(`{ events(first: 100, filter: { countryIds: [] }) { totalCount } }`));
    expect(all.events.totalCount).toBe(0);
  });
});
