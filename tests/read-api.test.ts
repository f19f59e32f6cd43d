import { dataOf, errorCodes, startTestServer, TestServer } from './helpers/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

async function idOf(list: 'countries' | 'officials' | 'organizations', search: string): Promise<string> {
  const data = dataOf(await server.gql(`query($search: String) { ${list}(filter: { search: $search }, first: 1) { nodes { id } } }`, { search }));
  const id = data[list].nodes[0]?.id;
  if (!id) throw new Error(`no ${list} matches "${search}"`);
  return id;
}

async function eventTitles(filter: Record<string, unknown>): Promise<string[]> {
  const data = dataOf(await server.gql(`query($filter: EventFilter) { events(filter: $filter, first: 100) { totalCount nodes { title } } }`, { filter }));
  expect(data.events.totalCount).toBe(data.events.nodes.length);
  return data.events.nodes.map((node: { title: string }) => node.title);
}

describe('event filters', () => {
  it('filters by country, and combines filters as AND', async () => {
    const dpr = await idOf('countries', "Donetsk People's Republic");
    expect(await eventTitles({ countryIds: [dpr] })).toEqual(["North Korea recognizes the Donetsk and Luhansk People's Republics"]);
    expect(await eventTitles({ countryIds: [dpr], types: ['COMBAT'] })).toEqual([]);
  });

  it('filters by official', async () => {
    const lavrov = await idOf('officials', 'Lavrov');
    const titles = await eventTitles({ officialIds: [lavrov] });
    expect(titles.length).toBeGreaterThanOrEqual(1);
    expect(titles.join(' ')).toMatch(/Lavrov/);
  });

  it('filters by type and claim status', async () => {
    const data = dataOf(await server.gql(`{ events(filter: { types: [CAPTURE] }) { nodes { type date claimStatus } } }`));
    expect(data.events.nodes).toEqual([{ type: 'CAPTURE', date: '2025-01-11', claimStatus: 'CONFIRMED' }]);
    const disputed = dataOf(await server.gql(`{ events(filter: { claimStatuses: [DISPUTED] }, first: 100) { nodes { claimStatus } } }`));
    expect(disputed.events.nodes.length).toBeGreaterThan(0);
    expect(new Set(disputed.events.nodes.map((n: { claimStatus: string }) => n.claimStatus))).toEqual(new Set(['DISPUTED']));
  });

  it('filters by an inclusive date range: a timeline of November 2024', async () => {
    const data = dataOf(await server.gql(`{ events(filter: { from: "2024-11-01", to: "2024-11-30" }, first: 100) { nodes { date } } }`));
    const dates = data.events.nodes.map((n: { date: string }) => n.date);
    expect(dates).toContain('2024-11-01');
    expect(dates).toContain('2024-11-29');
    expect(dates.every((date: string) => date >= '2024-11-01' && date <= '2024-11-30')).toBe(true);
  });

  it('matches free text against title, summary and location name', async () => {
    expect((await eventTitles({ search: 'Koksan' })).length).toBeGreaterThan(0);
    const ussuriysk = await eventTitles({ search: 'Ussuriysk' });
    expect(ussuriysk.length).toBeGreaterThan(0);
    expect(await eventTitles({ search: 'Ussuriysk', from: '2030-01-01' })).toEqual([]);
  });

  it('refuses an ID of the wrong type, a malformed ID and a reversed date range', async () => {
    const estonia = await idOf('countries', 'Estonia');
    const wrongType = await server.gql(`query($ids: [ID!]) { events(filter: { officialIds: $ids }) { totalCount } }`, { ids: [estonia] });
    expect(errorCodes(wrongType)).toEqual(['BAD_USER_INPUT']);
    expect(wrongType.errors?.[0].message).toMatch(/officialIds expects Official IDs/);
    const malformed = await server.gql(`{ events(filter: { countryIds: ["garbage"] }) { totalCount } }`);
    expect(errorCodes(malformed)).toEqual(['BAD_USER_INPUT']);
    const reversed = await server.gql(`{ events(filter: { from: "2024-12-01", to: "2024-11-01" }) { totalCount } }`);
    expect(errorCodes(reversed)).toEqual(['BAD_USER_INPUT']);
  });

  it.each([
    ['a literal', `{ events(filter: { from: "2024-02-31" }) { totalCount } }`, undefined],
    ['a variable', `query($from: Date) { events(filter: { from: $from }) { totalCount } }`, { from: '2024-02-31' }],
    ['a date with a time', `query($from: Date) { events(filter: { from: $from }) { totalCount } }`, { from: '2024-11-01T00:00:00Z' }],
    ['an unknown enum value', `{ events(filter: { types: [PARADE] }) { totalCount } }`, undefined],
  ])('refuses an invalid value given as %s with BAD_USER_INPUT', async (_name, query, variables) => {
    const response = await server.gql(query, variables);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0].message).toMatch(/2024-02-31|2024-11-01T00:00:00Z|PARADE/);
  });
});

describe('other filters', () => {
  it('filters officials by country and organization, organizations by country', async () => {
    const northKorea = await idOf('countries', 'North Korea');
    const officials = dataOf(await server.gql(`query($ids: [ID!]) { officials(filter: { countryIds: $ids }, first: 100) { nodes { name country { name } } } }`, { ids: [northKorea] }));
    expect(officials.officials.nodes.map((n: { name: string }) => n.name)).toEqual(expect.arrayContaining(['Kim Jong Un', 'Choe Son-hui']));
    expect(officials.officials.nodes.every((n: { country: { name: string } }) => n.country.name === 'North Korea')).toBe(true);

    const isw = await idOf('organizations', 'Institute for the Study of War');
    const analysts = dataOf(await server.gql(`query($ids: [ID!]) { officials(filter: { organizationIds: $ids }) { nodes { name } } }`, { ids: [isw] }));
    expect(analysts.officials.nodes).toEqual([{ name: 'Kateryna Stepanenko' }]);

    const southKorea = await idOf('countries', 'South Korea');
    const orgs = dataOf(await server.gql(`query($ids: [ID!]) { organizations(filter: { countryIds: $ids }, first: 100) { nodes { acronym country { isoCode } } } }`, { ids: [southKorea] }));
    expect(orgs.organizations.nodes).toContainEqual({ acronym: 'NIS', country: { isoCode: 'KOR' } });
  });

  it('filters statements by speaker, country, organization, date and text', async () => {
    const putin = await idOf('officials', 'Vladimir Putin');
    const byPutin = dataOf(await server.gql(`query($ids: [ID!]) { statements(filter: { speakerIds: $ids }, first: 100) { nodes { text isQuote speaker { name } } } }`, { ids: [putin] }));
    expect(byPutin.statements.nodes).toContainEqual({ text: 'The images are serious. If there are images, then they reflect something.', isQuote: true, speaker: { name: 'Vladimir Putin' } });

    const nis = await idOf('organizations', 'NIS');
    const byNis = dataOf(await server.gql(`query($ids: [ID!]) { statements(filter: { organizationIds: $ids }, first: 100) { nodes { organization { acronym } } } }`, { ids: [nis] }));
    expect(byNis.statements.nodes.length).toBeGreaterThan(0);
    expect(byNis.statements.nodes.every((n: { organization: { acronym: string } }) => n.organization.acronym === 'NIS')).toBe(true);

    const russia = await idOf('countries', 'Russia');
    const byRussia = dataOf(await server.gql(`query($ids: [ID!]) { statements(filter: { countryIds: $ids, search: "fake news" }) { nodes { text } } }`, { ids: [russia] }));
    expect(byRussia.statements.nodes.length).toBe(1);

    const early = dataOf(await server.gql(`{ statements(filter: { to: "2022-12-31" }, first: 100) { nodes { date } } }`));
    expect(early.statements.nodes.length).toBeGreaterThan(0);
    expect(early.statements.nodes.every((n: { date: string }) => n.date <= '2022-12-31')).toBe(true);
    const late = dataOf(await server.gql(`{ statements(filter: { from: "2024-11-13" }, first: 100) { nodes { date } } }`));
    expect(late.statements.nodes.every((n: { date: string }) => n.date >= '2024-11-13')).toBe(true);
  });

  it('filters casualty reports by country and date, and sources and countries by text', async () => {
    const northKorea = await idOf('countries', 'North Korea');
    const reports = dataOf(await server.gql(`query($ids: [ID!]) { casualties(filter: { countryIds: $ids, from: "2025-01-01", to: "2025-01-31" }) { nodes { killed wounded captured country { name } } } }`, { ids: [northKorea] }));
    expect(reports.casualties.nodes).toEqual([
      { killed: 300, wounded: 2700, captured: null, country: { name: 'North Korea' } },
      { killed: null, wounded: null, captured: 2, country: { name: 'North Korea' } },
    ]);
    const none = dataOf(await server.gql(`{ casualties(filter: { to: "2024-12-31" }) { totalCount } }`));
    expect(none.casualties.totalCount).toBe(0);

    const sources = dataOf(await server.gql(`{ sources(filter: { search: "tagesschau" }, first: 100) { nodes { publisher } } }`));
    expect(sources.sources.nodes.length).toBe(4);
    expect(new Set(sources.sources.nodes.map((n: { publisher: string }) => n.publisher))).toEqual(new Set(['tagesschau.de']));

    const countries = dataOf(await server.gql(`{ countries(filter: { search: "PRK" }) { nodes { name } } }`));
    expect(countries.countries.nodes).toEqual([{ name: 'North Korea' }]);
  });
});

describe('node and nodes', () => {
  it('fetches every type by its global ID, and null for an ID that names nothing', async () => {
    const data = dataOf(await server.gql(`{
      events(first: 1) { nodes { id } } countries(first: 1) { nodes { id } } organizations(first: 1) { nodes { id } }
      officials(first: 1) { nodes { id } } casualties(first: 1) { nodes { id } } statements(first: 1) { nodes { id } } sources(first: 1) { nodes { id } }
    }`));
    const ids: string[] = Object.values(data).map((list: any) => list.nodes[0].id);
    const fetched = dataOf(await server.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids }));
    expect(fetched.nodes.map((n: { __typename: string }) => n.__typename)).toEqual(['Event', 'Country', 'Organization', 'Official', 'CasualtyReport', 'Statement', 'Source']);
    expect(fetched.nodes.map((n: { id: string }) => n.id)).toEqual(ids);
    for (const id of ids) {
      const one = dataOf(await server.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }));
      expect(one.node.id).toBe(id);
    }
    const missing = Buffer.from('Event:999999').toString('base64url');
    expect(dataOf(await server.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: missing })).node).toBeNull();
  });

  it('IDs are opaque and name the type: an Event ID is not a Country ID', async () => {
    const data = dataOf(await server.gql(`{ events(first: 1) { nodes { id } } countries(first: 1) { nodes { id } } }`));
    expect(data.events.nodes[0].id).not.toMatch(/^\d+$/);
    expect(data.events.nodes[0].id).not.toBe(data.countries.nodes[0].id);
  });

  it('accepts only the spelling of an ID that the server hands out', async () => {
    const id = dataOf(await server.gql(`{ countries(first: 1) { nodes { id } } }`)).countries.nodes[0].id;
    for (const variant of [`${id}=`, `${id}==`, id.toLowerCase() === id ? id.toUpperCase() : id.toLowerCase()]) {
      expect(errorCodes(await server.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: variant }))).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('refuses more than 100 IDs in nodes() and in a filter', async () => {
    const id = dataOf(await server.gql(`{ countries(first: 1) { nodes { id } } }`)).countries.nodes[0].id;
    const ids = Array(101).fill(id);
    expect(errorCodes(await server.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids }))).toEqual(['BAD_USER_INPUT']);
    const filter = await server.gql(`query($ids: [ID!]) { events(filter: { countryIds: $ids }) { totalCount } }`, { ids: Array(40_000).fill(id) });
    expect(errorCodes(filter)).toEqual(['BAD_USER_INPUT']);
    expect(filter.errors?.[0].message).toMatch(/countryIds may hold at most 100/);
  });

  it('refuses a malformed ID with BAD_USER_INPUT, and reports it at its index in nodes()', async () => {
    const one = await server.gql(`{ node(id: "RXZlbnQ6") { id } }`);
    expect(errorCodes(one)).toEqual(['BAD_USER_INPUT']);
    const events = dataOf(await server.gql(`{ events(first: 1) { nodes { id } } }`));
    const many = await server.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [events.events.nodes[0].id, 'bad id'] });
    expect(many.data?.nodes).toEqual([{ id: events.events.nodes[0].id }, null]);
    expect(errorCodes(many)).toEqual(['BAD_USER_INPUT']);
    expect(many.errors?.[0].path).toEqual(['nodes', 1]);
  });
});

describe('search', () => {
  it('finds every kind, ranked, with the best match first', async () => {
    const data = dataOf(await server.gql(`{ search(query: "Rutte", first: 20) { totalCount nodes { __typename ... on Official { name role } } } }`));
    expect(data.search.nodes[0]).toEqual({ __typename: 'Official', name: 'Mark Rutte', role: expect.any(String) });
    const kinds = new Set(data.search.nodes.map((n: { __typename: string }) => n.__typename));
    expect([...kinds]).toEqual(expect.arrayContaining(['Official', 'Event', 'Source']));
    const statements = dataOf(await server.gql(`{ search(query: "holy war") { nodes { __typename ... on Statement { speaker { name } } } } }`));
    expect(statements.search.nodes).toContainEqual({ __typename: 'Statement', speaker: { name: 'Choe Son-hui' } });

    const more = dataOf(await server.gql(`{ search(query: "North Korea") { nodes { __typename } } }`));
    expect(new Set(more.search.nodes.map((n: { __typename: string }) => n.__typename))).toContain('Country');
    const org = dataOf(await server.gql(`{ search(query: "Institute Study War") { nodes { __typename ... on Organization { acronym } } } }`));
    expect(org.search.nodes[0]).toEqual({ __typename: 'Organization', acronym: 'ISW' });
  });

  it('matches words regardless of accents and case, and by prefix', async () => {
    const data = dataOf(await server.gql(`{ search(query: "antonio GUTERR") { nodes { ... on Official { name } } } }`));
    expect(data.search.nodes[0]).toEqual({ name: 'António Guterres' });
  });

  it('pages through results without loss or repetition', async () => {
    const all = dataOf(await server.gql(`{ search(query: "North Korean", first: 100) { totalCount edges { cursor } nodes { __typename ... on Node { id } } } }`)).search;
    expect(all.totalCount).toBe(all.nodes.length);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = dataOf(await server.gql(`query($after: String) { search(query: "North Korean", first: 9, after: $after) { pageInfo { hasNextPage endCursor } nodes { ... on Node { id } } } }`, { after })).search;
      seen.push(...page.nodes.map((n: { id: string }) => n.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all.nodes.map((n: { id: string }) => n.id));
  });

  it.each([
    '"',
    "'",
    'Kim"',
    '"unbalanced',
    'NEAR(Kim Putin)',
    'Kim AND OR NOT',
    '*',
    'title:Kim',
    '^Kim',
    '-Kim',
    'Kim)',
    "'; DROP TABLE events; --",
    '\\x00\u0000',
    '💥 ☃',
    '',
    '   ',
    'a'.repeat(5000),
    'Koksan '.repeat(32),
    '%_%',
  ])('never fails on the hostile string %#', async (query) => {
    const response = await server.gql(
      `query($q: String!) {
        search(query: $q) { totalCount pageInfo { hasNextPage } nodes { __typename } }
        events(filter: { search: $q }) { totalCount }
        seeded: events(first: 0) { totalCount }
      }`,
      { q: query },
    );
    expect(response.errors).toBeUndefined();
    const { search, events, seeded } = response.data;
    // The count agrees with the page it came with: a page holds at most 20 (the default size), nothing is counted exactly
    // when nothing is shown, and more is counted than shown exactly when there is a next page.
    expect(Number.isInteger(search.totalCount)).toBe(true);
    expect(search.nodes.length).toBeLessThanOrEqual(20);
    expect(search.totalCount === 0).toBe(search.nodes.length === 0);
    expect(search.totalCount).toBeGreaterThanOrEqual(search.nodes.length);
    expect(search.totalCount > search.nodes.length).toBe(search.pageInfo.hasNextPage);
    // As a filter, the string can only narrow the events down (this file writes nothing: every event is a seeded one).
    expect(Number.isInteger(events.totalCount)).toBe(true);
    expect(events.totalCount).toBeGreaterThanOrEqual(0);
    expect(events.totalCount).toBeLessThanOrEqual(seeded.totalCount);
  });

  it('refuses more than 32 words with BAD_USER_INPUT, and a string without words finds nothing, also as a filter', async () => {
    const tooLong = await server.gql(`query($q: String!) { search(query: $q) { totalCount } }`, { q: 'a '.repeat(33) });
    expect(errorCodes(tooLong)).toEqual(['BAD_USER_INPUT']);
    expect(tooLong.errors?.[0].message).toMatch(/query may hold at most 32 words/);
    const punctuation = dataOf(await server.gql(`{ search(query: "!!!") { totalCount } events(filter: { search: "!!!" }) { totalCount } all: events(filter: { search: "  " }) { totalCount } }`));
    expect(punctuation.search.totalCount).toBe(0);
    expect(punctuation.events.totalCount).toBe(0);
    expect(punctuation.all.totalCount).toBeGreaterThan(0);
  });

  it('treats FTS syntax as plain words', async () => {
    const plain = dataOf(await server.gql(`{ search(query: "Kim Putin") { totalCount } }`));
    const operators = dataOf(await server.gql(`{ search(query: "Kim\\" OR \\"Putin") { totalCount } }`));
    expect(operators.search.totalCount).toBeLessThanOrEqual(plain.search.totalCount);
    const tables = dataOf(await server.gql(`{ events(first: 0) { totalCount } }`));
    expect(tables.events.totalCount).toBeGreaterThan(0);
  });
});

describe('limits', () => {
  it('refuses a query that could return too much before running it: QUERY_TOO_COMPLEX, status 400', async () => {
    const nested = `{ countries(first: 100) { nodes { events(first: 100) { nodes { countries { events(first: 100) { nodes { title } } } } } } } }`;
    const response = await server.gql(nested);
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(response.errors?.[0].message).toMatch(/cost \d+, at most 50000/);
    const wide = dataOf(await server.gql(`{ events(first: 100) { nodes { countries { name } officials { name } sources { title } statements { text speaker { name } } figures { best } } } }`));
    expect(wide.events.nodes.length).toBeGreaterThan(0);
  });

  it('refuses dates outside the years 0001-9999 and forged cursors with BAD_USER_INPUT', async () => {
    expect(errorCodes(await server.gql(`{ events(filter: { from: "0000-01-01" }) { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
    const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    for (const after of [forged(['events:DATE', '2024-01-01', 'x']), forged(['events:DATE', '2024-01-01', 1.5]), forged(['events:DATE', 'zzz', 1]), forged(['events:DATE', '2024-02-31', 1]), forged(['events:CREATED_AT', 1e20])]) {
      expect(errorCodes(await server.gql(`query($after: String) { events(after: $after) { totalCount } }`, { after }))).toEqual(['BAD_USER_INPUT']);
    }
  });
});

describe('errors', () => {
  it('answers a query for an unknown field with GRAPHQL_VALIDATION_FAILED and status 400', async () => {
    const response = await server.gql(`{ events { nodes { nonsense } } }`);
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('sends no stack traces in production', async () => {
    const production = await startTestServer({ env: { NODE_ENV: 'production' } });
    try {
      const response = await production.gql(`{ node(id: "nope") { id } }`);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(JSON.stringify(response)).not.toMatch(/stacktrace/);
    } finally {
      await production.stop();
    }
    const development = await server.gql(`{ node(id: "nope") { id } }`);
    expect(JSON.stringify(development)).toMatch(/stacktrace/);
  });
});
