import { createTestDatabase, TestDatabase } from './helpers/database';
import { dataOf, errorCodes, GraphQLResponse, startTestServer, TestServer } from './helpers/server';
import { issueToken, runTokenCommand } from './helpers/tokens';

let database: TestDatabase;
let databaseUrl: string;
let server: TestServer;
let editor: Record<string, string>;
let admin: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  databaseUrl = database.url;
  server = await startTestServer({ databaseUrl });
  [editor, admin] = await Promise.all([issueToken(server, 'editor-ana'), issueToken(server, 'admin-bo', 'admin')]);
}, 60_000);

afterAll(async () => {
  await server.stop();
  await database.drop();
});

/** What a refused write must leave unchanged: the number of facts of every kind and of revisions. */
async function footprint() {
  const [counts] = await server.dataSource.query(`SELECT
    (SELECT COUNT(*) FROM events) AS events, (SELECT COUNT(*) FROM statements) AS statements,
    (SELECT COUNT(*) FROM casualty_reports) AS casualties, (SELECT COUNT(*) FROM sources) AS sources,
    (SELECT COUNT(*) FROM countries) AS countries, (SELECT COUNT(*) FROM organizations) AS organizations,
    (SELECT COUNT(*) FROM officials) AS officials, (SELECT COUNT(*) FROM event_sources) AS eventSources,
    (SELECT COUNT(*) FROM event_figures) AS figures, (SELECT COUNT(*) FROM revisions) AS revisions`);
  return counts;
}

async function firstId(list: string, filter = ''): Promise<string> {
  return dataOf(await server.gql(`{ ${list}(first: 1 ${filter}) { nodes { id } } }`))[list].nodes[0].id;
}

const write = (query: string, variables: Record<string, unknown>, headers = editor) => server.gql(query, variables, headers);

const CREATE_EVENT = `mutation($input: CreateEventInput!) { createEvent(input: $input) {
  id title summary date datePrecision endDate type claimStatus
  location { name latitude longitude country { name } } countries { name } officials { name } sources { title }
  figures { subject unit best low high } createdAt } }`;

describe('mutations: every kind can be created, updated and deleted by an editor', () => {
  it('creates an event with its links, location and figures, and it reads back the same', async () => {
    const [russia, lavrov, source] = await Promise.all([firstId('countries', ', filter: { search: "Russia" }'), firstId('officials', ', filter: { search: "Lavrov" }'), firstId('sources')]);
    const response = await write(CREATE_EVENT, {
      input: {
        title: '  A new shipment of shells  ',
        date: '2025-02-03',
        endDate: '2025-02-10',
        type: 'ARMS_TRANSFER',
        claimStatus: 'ALLEGED',
        location: { name: 'Rajin', countryId: russia, latitude: 42.25, longitude: 130.3 },
        countryIds: [russia, russia],
        officialIds: [lavrov],
        sourceIds: [source],
        figures: [{ subject: 'shells', unit: 'shells', low: 1000, high: 2000 }],
      },
    });
    const event = dataOf(response).createEvent;
    expect(event).toMatchObject({
      title: 'A new shipment of shells',
      summary: null,
      date: '2025-02-03',
      datePrecision: 'DAY',
      endDate: '2025-02-10',
      type: 'ARMS_TRANSFER',
      claimStatus: 'ALLEGED',
      location: { name: 'Rajin', latitude: 42.25, longitude: 130.3, country: { name: 'Russia' } },
      countries: [{ name: 'Russia' }],
      officials: [{ name: 'Sergey Lavrov' }],
      figures: [{ subject: 'shells', unit: 'shells', best: null, low: 1000, high: 2000 }],
    });
    expect(new Date(event.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const read = dataOf(await server.gql(`query($id: ID!) { node(id: $id) { ... on Event { title sources { title } } } }`, { id: event.id }));
    expect(read.node.title).toBe('A new shipment of shells');
    expect(read.node.sources).toEqual(event.sources);
    const found = dataOf(await server.gql(`{ search(query: "shipment shells") { nodes { ... on Event { id } } } }`));
    expect(found.search.nodes).toContainEqual({ id: event.id });
  });

  it('updates only the fields given, clears a field given as null, and replaces lists', async () => {
    const created = dataOf(await write(CREATE_EVENT, { input: { title: 'To be corrected', summary: 'first draft', date: '2025-03-01', type: 'OTHER', countryIds: [await firstId('countries')] } })).createEvent;
    const updated = dataOf(
      await write(`mutation($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { title summary date type countries { name } revisions { nodes { action actor changedFields } } } }`, {
        id: created.id,
        input: { date: '2025-03-02', summary: null, countryIds: [] },
      }),
    ).updateEvent;
    expect(updated).toMatchObject({ title: 'To be corrected', summary: null, date: '2025-03-02', type: 'OTHER', countries: [] });
    expect(updated.revisions.nodes).toEqual([
      { action: 'CREATE', actor: 'editor-ana', changedFields: expect.arrayContaining(['title', 'date']) },
      { action: 'UPDATE', actor: 'editor-ana', changedFields: ['countryIds', 'date', 'summary'] },
    ]);
  });

  it.each([
    ['Country', 'createCountry', { name: 'Belarus', isoCode: 'BLR' }, 'updateCountry', { name: 'Republic of Belarus' }, 'name'],
    ['Organization', 'createOrganization', { name: 'Main Intelligence Directorate', acronym: 'GRU' }, 'updateOrganization', { acronym: 'GU' }, 'acronym'],
    ['Official', 'createOfficial', { name: 'Test Person', role: 'Spokesperson' }, 'updateOfficial', { role: 'Former spokesperson' }, 'role'],
    ['Source', 'createSource', { title: 'A report', url: 'https://example.org/report', language: 'en', publishedOn: '2025-01-02', retrievedOn: '2025-01-03' }, 'updateSource', { publisher: 'Example' }, 'publisher'],
  ])('%s: create, update, delete', async (type, create, input, update, change, field) => {
    const created = dataOf(await write(`mutation($input: ${create[0].toUpperCase()}${create.slice(1)}Input!) { ${create}(input: $input) { id } }`, { input })) [create];
    const updated = dataOf(await write(`mutation($id: ID!, $input: ${update[0].toUpperCase()}${update.slice(1)}Input!) { ${update}(id: $id, input: $input) { ... on ${type} { ${field} } } }`, { id: created.id, input: change }))[update];
    expect(updated[field]).toBe(Object.values(change)[0]);
    const deleted = dataOf(await write(`mutation($id: ID!) { delete${type}(id: $id) }`, { id: created.id }))[`delete${type}`];
    expect(deleted).toBe(created.id);
    expect(dataOf(await server.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: created.id })).node).toBeNull();
  });

  it('creates, updates and deletes statements and casualty reports', async () => {
    const [northKorea, nis, source] = await Promise.all([firstId('countries', ', filter: { search: "North Korea" }'), firstId('organizations', ', filter: { search: "NIS" }'), firstId('sources')]);
    const statement = dataOf(
      await write(`mutation($input: CreateStatementInput!) { createStatement(input: $input) { id text isQuote date datePrecision organization { acronym } sources { title } } }`, {
        input: { text: 'More troops arrive.', date: '2025-02-01', datePrecision: 'MONTH', organizationId: nis, sourceIds: [source] },
      }),
    ).createStatement;
    expect(statement).toMatchObject({ text: 'More troops arrive.', isQuote: false, date: '2025-02-01', datePrecision: 'MONTH', organization: { acronym: 'NIS' } });
    expect(dataOf(await write(`mutation($id: ID!) { updateStatement(id: $id, input: { isQuote: true }) { isQuote } }`, { id: statement.id })).updateStatement.isQuote).toBe(true);

    const report = dataOf(
      await write(`mutation($input: CreateCasualtyReportInput!) { createCasualtyReport(input: $input) { id killed wounded asOf claimStatus country { name } reportedBy { acronym } } }`, {
        input: { countryId: northKorea, killed: 1000, wounded: 3000, asOf: '2025-02-15', claimStatus: 'ALLEGED', reportedById: nis, sourceIds: [source] },
      }),
    ).createCasualtyReport;
    expect(report).toMatchObject({ killed: 1000, wounded: 3000, asOf: '2025-02-15', claimStatus: 'ALLEGED', country: { name: 'North Korea' }, reportedBy: { acronym: 'NIS' } });
    expect(dataOf(await write(`mutation($id: ID!) { updateCasualtyReport(id: $id, input: { killed: 1100 }) { killed wounded } }`, { id: report.id })).updateCasualtyReport).toEqual({ killed: 1100, wounded: 3000 });
    expect(dataOf(await write(`mutation($id: ID!) { deleteCasualtyReport(id: $id) }`, { id: report.id })).deleteCasualtyReport).toBe(report.id);
    expect(dataOf(await write(`mutation($id: ID!) { deleteStatement(id: $id) }`, { id: statement.id })).deleteStatement).toBe(statement.id);
    const remaining = dataOf(await server.gql(`{ casualties(filter: { from: "2025-02-01" }) { totalCount } }`));
    expect(remaining.casualties.totalCount).toBe(0);
  });
});

describe('a mutation document with several writes: each field reads what the fields before it wrote', () => {
  it('answers a write of links and a write of a referenced fact with what they wrote, whatever the fields before them read', async () => {
    const { statements } = dataOf(await server.gql(`{ statements(first: 100) { nodes { id text event { id countries { id } } speaker { id name } } } }`));
    const statement = statements.nodes.find((node: { event: unknown; speaker: unknown }) => node.event && node.speaker);
    const { countries } = dataOf(await server.gql(`{ countries(first: 100) { nodes { id } } }`));
    const other = countries.nodes.map((node: { id: string }) => node.id).find((id: string) => !statement.event.countries.some((country: { id: string }) => country.id === id));
    const answer = dataOf(
      await write(
        `mutation($s: ID!, $text: String!, $e: ID!, $c: [ID!], $o: ID!) {
          before: updateStatement(id: $s, input: { text: $text }) { event { countries { id } } speaker { name } }
          links: updateEvent(id: $e, input: { countryIds: $c }) { countries { id } }
          renamed: updateOfficial(id: $o, input: { name: "Renamed in the same document" }) { id }
          after: updateStatement(id: $s, input: { text: $text }) { event { countries { id } } speaker { name } }
        }`,
        { s: statement.id, text: statement.text, e: statement.event.id, c: [other], o: statement.speaker.id },
      ),
    );
    expect(answer.before.event.countries).toEqual(statement.event.countries);
    expect(answer.links.countries).toEqual([{ id: other }]);
    expect(answer.after).toEqual({ event: { countries: [{ id: other }] }, speaker: { name: 'Renamed in the same document' } });
    await write(`mutation($e: ID!, $c: [ID!], $o: ID!, $name: String!) { updateEvent(id: $e, input: { countryIds: $c }) { id } updateOfficial(id: $o, input: { name: $name }) { id } }`, {
      e: statement.event.id,
      c: statement.event.countries.map((country: { id: string }) => country.id),
      o: statement.speaker.id,
      name: statement.speaker.name,
    });
  });
});

describe('refused input: a clear BAD_USER_INPUT or NOT_FOUND naming the field, and nothing written', () => {
  async function expectRefused(response: GraphQLResponse, code: string, field: RegExp, before: unknown) {
    expect(errorCodes(response)).toEqual([code]);
    expect(response.errors?.[0].message).toMatch(field);
    expect(response.data ?? null).toBeNull();
    expect(await footprint()).toEqual(before);
  }

  const event = (input: Record<string, unknown>) => ({ input: { title: 'Refused', date: '2025-01-01', type: 'OTHER', ...input } });

  it.each([
    ['an impossible date', event({ date: '2024-02-31' }), 'BAD_USER_INPUT', /2024-02-31/],
    ['an endDate before the date', event({ endDate: '2024-12-31' }), 'BAD_USER_INPUT', /endDate/],
    ['a blank title', event({ title: '   ' }), 'BAD_USER_INPUT', /title.*blank/],
    ['a title of 301 characters', event({ title: 'x'.repeat(301) }), 'BAD_USER_INPUT', /title/],
    ['a latitude of 91', event({ location: { name: 'Nowhere', latitude: 91 } }), 'BAD_USER_INPUT', /location\.latitude/],
    ['figures whose low is above high', event({ figures: [{ subject: 'troops', low: 5, high: 2 }] }), 'BAD_USER_INPUT', /figures/],
    ['an unknown type', event({ type: 'PARADE' }), 'BAD_USER_INPUT', /PARADE/],
    ['an Official ID where a Country ID is expected', 'official-as-country', 'BAD_USER_INPUT', /countryIds expects Country IDs/],
    ['a Country ID that names nothing', event({ countryIds: [Buffer.from('Country:99999').toString('base64url')] }), 'NOT_FOUND', /countryIds/],
    ['a malformed ID', event({ sourceIds: ['%%%'] }), 'BAD_USER_INPUT', /sourceIds/],
    ['a NUL character in the title', event({ title: 'a\u0000b' }), 'BAD_USER_INPUT', /title: title must not contain NUL/],
    ['the year 0000', event({ date: '0000-01-01' }), 'BAD_USER_INPUT', /0001 to 9999/],
    ['a negative figure', event({ figures: [{ subject: 'troops', best: -5 }] }), 'BAD_USER_INPUT', /figures\.0\.best: best must not be negative/],
    ['more than 100 countries', event({ countryIds: Array(101).fill(Buffer.from('Country:1').toString('base64url')) }), 'BAD_USER_INPUT', /countryIds/],
  ])('createEvent refuses %s', async (_name, variables, code, field) => {
    const input = variables === 'official-as-country' ? event({ countryIds: [await firstId('officials')] }) : variables;
    const before = await footprint();
    await expectRefused(await write(CREATE_EVENT, input as Record<string, unknown>), code, field, before);
  });

  it('refuses negative counts, infinite figures, bad URLs, bad codes, nulls for required fields and missing ids', async () => {
    const country = await firstId('countries');
    const before = await footprint();
    const infinite = `mutation { createEvent(input: { title: "x", date: "2025-01-01", type: OTHER, figures: [{ subject: "troops", best: 1e400 }] }) { id } }`;
    await expectRefused(await write(infinite, {}), 'BAD_USER_INPUT', /figures\.0\.best: best must be a finite number/, before);
    await expectRefused(await write(`mutation { createCasualtyReport(input: { countryId: "${country}", killed: -1, asOf: "2025-01-01" }) { id } }`, {}), 'BAD_USER_INPUT', /killed must not be negative/, before);
    await expectRefused(await write(`mutation { createSource(input: { title: "x", url: "javascript:alert(1)" }) { id } }`, {}), 'BAD_USER_INPUT', /url/, before);
    await expectRefused(await write(`mutation { createSource(input: { title: "x", publishedOn: "2025-01-05", retrievedOn: "2025-01-01" }) { id } }`, {}), 'BAD_USER_INPUT', /retrievedOn/, before);
    await expectRefused(await write(`mutation { createCountry(input: { name: "X", isoCode: "xx" }) { id } }`, {}), 'BAD_USER_INPUT', /isoCode/, before);
    await expectRefused(await write(`mutation { createCountry(input: { name: "Also North Korea", isoCode: "PRK" }) { id } }`, {}), 'CONFLICT', /PRK/, before);
    await expectRefused(await write(`mutation($id: ID!) { updateCountry(id: $id, input: { name: null }) { id } }`, { id: country }), 'BAD_USER_INPUT', /^name: name cannot be null$/, before);
    await expectRefused(await write(`mutation($id: ID!) { updateEvent(id: $id, input: { title: "x" }) { id } }`, { id: country }), 'BAD_USER_INPUT', /expects Event IDs/, before);
    const missing = Buffer.from('Event:123456').toString('base64url');
    await expectRefused(await write(`mutation($id: ID!) { deleteEvent(id: $id) }`, { id: missing }), 'NOT_FOUND', /Event/, before);
  });

  it('takes the same country given twice as one', async () => {
    const country = await firstId('countries');
    const created = dataOf(await write(CREATE_EVENT, event({ title: 'Twice the same country', countryIds: [country, country] }))).createEvent;
    expect(created.countries).toHaveLength(1);
  });

  it('rolls a mutation back as a whole when a later step fails', async () => {
    const before = await footprint();
    const missingSource = Buffer.from('Source:424242').toString('base64url');
    const response = await write(CREATE_EVENT, event({ countryIds: [await firstId('countries')], figures: [{ subject: 'troops', best: 3 }], sourceIds: [missingSource] }));
    await expectRefused(response, 'NOT_FOUND', /sourceIds/, before);
  });

  it('keeps concurrent mutations apart: one that rolls back undoes none of the others', async () => {
    const missingSource = Buffer.from('Source:424242').toString('base64url');
    const country = await firstId('countries');
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) => [
        write(`mutation($name: String!) { createCountry(input: { name: $name }) { name } }`, { name: `Concurrent ${index}` }),
        write(CREATE_EVENT, event({ title: `Doomed ${index}`, countryIds: [country], sourceIds: [missingSource] })),
      ]).flat(),
    );
    expect(responses.map((response) => (response.errors ? response.errors[0].extensions?.code : 'ok'))).toEqual(Array(10).fill(['ok', 'NOT_FOUND']).flat());
    const stored = dataOf(await server.gql(`{ countries(filter: { search: "Concurrent" }, first: 100) { totalCount } events(filter: { search: "Doomed" }) { totalCount } }`));
    expect(stored).toEqual({ countries: { totalCount: 10 }, events: { totalCount: 0 } });
  });

  it('refuses to delete what live facts depend on, with CONFLICT', async () => {
    const before = await footprint();
    const russia = await firstId('countries', ', filter: { search: "Russia" }');
    const response = await write(`mutation($id: ID!) { deleteCountry(id: $id) }`, { id: russia });
    expect(errorCodes(response)).toEqual(['CONFLICT']);
    expect(response.errors?.[0].message).toMatch(/\d+ events/);
    expect(await footprint()).toEqual(before);
  });
});

describe('who may write', () => {
  const CREATE_COUNTRY = `mutation { createCountry(input: { name: "Unauthorized Land" }) { id } }`;

  it.each([
    ['no token', {}, 'UNAUTHENTICATED', 401],
    ['an unknown token', { authorization: 'Bearer kb_999_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, 'UNAUTHENTICATED', 401],
    ['a malformed header', { authorization: 'Basic dXNlcjpwYXNz' }, 'UNAUTHENTICATED', 401],
  ])('refuses a write with %s', async (_name, headers, code, status) => {
    const before = await footprint();
    const response = await server.gql(CREATE_COUNTRY, {}, headers);
    expect(errorCodes(response)).toEqual([code]);
    expect(response.status).toBe(status);
    expect(await footprint()).toEqual(before);
  });

  it('refuses a revoked token, checks auth before input, and keeps reads public', async () => {
    const token = await issueToken(server, 'short-lived');
    expect(dataOf(await server.gql(`mutation { createCountry(input: { name: "Briefly" }) { name } }`, {}, token)).createCountry.name).toBe('Briefly');
    // Revoked as an operator would, from another process, while the server runs: the server must refuse the token at once.
    expect((await runTokenCommand(databaseUrl, 'revoke', 'short-lived')).code).toBe(0);
    const before = await footprint();
    const revoked = await server.gql(CREATE_COUNTRY, {}, token);
    expect(errorCodes(revoked)).toEqual(['UNAUTHENTICATED']);
    expect(revoked.errors?.[0].message).toMatch(/revoked/);
    const badInputNoToken = await server.gql(`mutation { createCountry(input: { name: "   " }) { id } }`);
    expect(errorCodes(badInputNoToken)).toEqual(['UNAUTHENTICATED']);
    expect(await footprint()).toEqual(before);
    expect(dataOf(await server.gql(`{ countries(first: 1) { totalCount } }`, {}, token)).countries.totalCount).toBeGreaterThan(0);
  });

  it('restore needs the admin role: FORBIDDEN for an editor', async () => {
    const created = dataOf(await write(`mutation { createCountry(input: { name: "Atlantis" }) { id } }`, {})).createCountry;
    await write(`mutation($id: ID!) { deleteCountry(id: $id) }`, { id: created.id });
    const refused = await write(`mutation($id: ID!) { restore(id: $id) { id } }`, { id: created.id });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    expect(refused.status).toBe(403);
    expect(dataOf(await server.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: created.id })).node).toBeNull();
  });
});

describe('nothing is lost: revisions, the change feed, tombstones and restore', () => {
  it('records every change with before/after and who made it, and changes(since:) replays them, deletions included', async () => {
    const since = new Date().toISOString();
    const created = dataOf(await write(`mutation { createOfficial(input: { name: "Jane Analyst", role: "Analyst" }) { id } }`, {})).createOfficial;
    await write(`mutation($id: ID!) { updateOfficial(id: $id, input: { role: "Senior analyst" }) { id } }`, { id: created.id });
    await write(`mutation($id: ID!) { deleteOfficial(id: $id) }`, { id: created.id });

    const feed = dataOf(await server.gql(`query($since: DateTime!) { changes(since: $since, first: 100) { totalCount nodes { nodeId entityType action actor before after changedFields createdAt } } }`, { since })).changes;
    const mine = feed.nodes.filter((n: { nodeId: string }) => n.nodeId === created.id);
    expect(mine.map((n: { action: string }) => n.action)).toEqual(['CREATE', 'UPDATE', 'DELETE']);
    // The public sees the token's display name (its role, as none was chosen); editors see the token's name.
    expect(mine[0]).toMatchObject({ entityType: 'Official', actor: 'editor', before: null, after: { name: 'Jane Analyst', role: 'Analyst', countryId: null } });
    const seenByEditor = dataOf(await write(`query($since: DateTime!) { changes(since: $since, first: 100) { nodes { nodeId actor } } }`, { since })).changes.nodes;
    expect(seenByEditor.filter((n: { nodeId: string }) => n.nodeId === created.id).map((n: { actor: string }) => n.actor)).toEqual(['editor-ana', 'editor-ana', 'editor-ana']);
    expect(mine[1]).toMatchObject({ before: { role: 'Analyst' }, after: { role: 'Senior analyst' }, changedFields: ['role'] });
    expect(mine[2]).toMatchObject({ before: { role: 'Senior analyst' }, after: null });
    expect(feed.nodes.every((n: { createdAt: string }) => n.createdAt >= since)).toBe(true);

    const later = dataOf(await server.gql(`query($since: DateTime!) { changes(since: $since) { totalCount } }`, { since: new Date(Date.now() + 60_000).toISOString() })).changes;
    expect(later.totalCount).toBe(0);
  });

  it('records nothing for an update that changes nothing, stores blank optional text as null', async () => {
    const created = dataOf(await write(`mutation { createEvent(input: { title: "Unchanged", summary: "   ", date: "2025-01-01", type: OTHER }) { id summary } }`, {})).createEvent;
    expect(created.summary).toBeNull();
    const same = dataOf(await write(`mutation($id: ID!) { updateEvent(id: $id, input: { title: "Unchanged" }) { revisions { totalCount } } }`, { id: created.id })).updateEvent;
    expect(same.revisions.totalCount).toBe(1);
  });

  it('records the facts the seed added, as created by "seed"', async () => {
    const feed = dataOf(await server.gql(`{ changes(since: "2000-01-01T00:00:00Z", first: 3) { totalCount nodes { action actor entityType } } }`)).changes;
    expect(feed.nodes[0]).toEqual({ action: 'CREATE', actor: 'seed', entityType: 'Source' });
    expect(feed.totalCount).toBeGreaterThan(48 + 9 + 20 + 21 + 33 + 52 + 2 - 1);
  });

  it('hides a deleted fact from lists, search and node(), and an admin restores it with its history', async () => {
    const created = dataOf(await write(`mutation { createSource(input: { title: "Zanzibar Gazette" }) { id } }`, {})).createSource;
    await write(`mutation($id: ID!) { deleteSource(id: $id) }`, { id: created.id });
    const hidden = dataOf(await server.gql(`query($id: ID!) { node(id: $id) { id } search(query: "Zanzibar") { totalCount } sources(filter: { search: "Zanzibar" }) { totalCount } }`, { id: created.id }));
    expect(hidden).toEqual({ node: null, search: { totalCount: 0 }, sources: { totalCount: 0 } });
    expect(errorCodes(await write(`mutation($id: ID!) { updateSource(id: $id, input: { title: "x" }) { id } }`, { id: created.id }))).toEqual(['NOT_FOUND']);

    const restored = dataOf(await write(`mutation($id: ID!) { restore(id: $id) { id ... on Source { title revisions { nodes { action actor } } } } }`, { id: created.id }, admin)).restore;
    expect(restored).toEqual({
      id: created.id,
      title: 'Zanzibar Gazette',
      revisions: { nodes: [{ action: 'CREATE', actor: 'editor-ana' }, { action: 'DELETE', actor: 'editor-ana' }, { action: 'RESTORE', actor: 'admin-bo' }] },
    });
    expect(dataOf(await server.gql(`{ search(query: "Zanzibar") { totalCount } }`)).search.totalCount).toBe(1);
    const restoreRevision = dataOf(await server.gql(`query($id: ID!) { node(id: $id) { ... on Source { revisions(first: 5) { nodes { action before after changedFields } } } } }`, { id: created.id })).node.revisions.nodes[2];
    expect(restoreRevision).toMatchObject({ action: 'RESTORE', before: { deletedAt: expect.any(String) }, after: { deletedAt: null }, changedFields: ['deletedAt'] });
    expect(errorCodes(await write(`mutation($id: ID!) { restore(id: $id) { id } }`, { id: created.id }, admin))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses to restore a fact whose references are deleted', async () => {
    const country = dataOf(await write(`mutation { createCountry(input: { name: "Ruritania" }) { id } }`, {})).createCountry;
    const official = dataOf(await write(`mutation($c: ID!) { createOfficial(input: { name: "Rudolf", countryId: $c }) { id } }`, { c: country.id })).createOfficial;
    await write(`mutation($id: ID!) { deleteOfficial(id: $id) }`, { id: official.id });
    await write(`mutation($id: ID!) { deleteCountry(id: $id) }`, { id: country.id });
    const refused = await write(`mutation($id: ID!) { restore(id: $id) { id } }`, { id: official.id }, admin);
    expect(errorCodes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors?.[0].message).toMatch(/Restore Country/);
  });
});
