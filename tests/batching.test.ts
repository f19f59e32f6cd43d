import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, type GraphQLObjectType, parse } from 'graphql';
import type { EntityMetadata, ObjectLiteral } from 'typeorm';
import { KIND_INDEX } from '../src/app/kinds';
import { toGlobalId } from '../src/relay/global-id';
import { EVENT_STATEMENTS } from '../src/statements/statement.service';
import { Loaders } from '../src/db/loaders';
import { linksOf, partListsOf, referencesOf } from '../src/db/relations';
import { fieldsSelectedIn } from '../src/db/selection';
import { dataOf, startTestServer, StatementCounter, TestServer } from './helpers/server';
import { PROJECT_ROOT } from './helpers/project';
import { issueToken } from './helpers/tokens';
import { connect, subscribe } from './helpers/ws';

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

/** The selection a timeline renders: a page of events with three nested lists. */
const TIMELINE = `query($first: Int) { events(first: $first, orderBy: { field: DATE, direction: DESC }) { totalCount nodes { id title date type claimStatus countries { id name } officials { id name } sources { id title publisher } } } }`;

describe('nested fields are batched per request', () => {
  it('reads the nested timeline in two statements whatever its size: the page with its rows and every nested list, and the total', async () => {
    const small = await statementsFor(TIMELINE, { first: 2 });
    const large = await statementsFor(TIMELINE, { first: 50 });
    expect(large.data.events.nodes.length).toBeGreaterThan(30);
    expect(large.data.events.nodes.flatMap((n: { sources: unknown[] }) => n.sources).length).toBeGreaterThan(30);
    expect(large.statements).toBe(2);
    expect(small.statements).toBe(2);
  });

  it('reads it in the same two statements when it comes over WebSocket', async () => {
    const client = connect(server.subscriptionUrl);
    try {
      await statementsFor('{ __typename }', {});
      counter.reset();
      const answer = await subscribe(client, TIMELINE, { first: 50 }).next();
      expect(answer.events.nodes.length).toBeGreaterThan(30);
      expect(counter.count).toBe(2);
    } finally {
      await client.dispose();
    }
  });

  it('reads what each live event delivers in one statement per level of nesting, as a query would, once for all who ask the same', async () => {
    const editor = await issueToken(server, 'batching-editor');
    const { officials } = dataOf(await server.gql(`{ officials(first: 3) { nodes { id country { name } } } }`));
    const withCountry = officials.nodes.filter((official: { country: unknown }) => official.country);
    expect(withCountry.length).toBeGreaterThan(1);
    const addEvent = (title: string) =>
      server.gql(`mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`, { input: { title, date: '2025-06-01', type: 'OTHER', officialIds: withCountry.map((official: { id: string }) => official.id) } }, editor);
    const client = connect(server.subscriptionUrl);
    /** The statements of adding an event and delivering it with `selection` to `subscribers`, the second of two such events. */
    const statementsOfAdding = async (selection: string, subscribers = 1) => {
      const before = server.liveSubscriptions();
      const subscriptions = Array.from({ length: subscribers }, () => subscribe(client, `subscription { eventAdded { ${selection} } }`));
      await server.whenLiveSubscriptions((count) => count === before + subscribers);
      await addEvent('Read before counting');
      await Promise.all(subscriptions.map((subscription) => subscription.next()));
      counter.reset();
      await addEvent('Counted');
      const [{ eventAdded }] = await Promise.all(subscriptions.map((subscription) => subscription.next()));
      const statements = counter.count;
      subscriptions.forEach((subscription) => subscription.unsubscribe());
      await server.whenLiveSubscriptions((count) => count === before);
      return { eventAdded, statements };
    };
    try {
      const bare = await statementsOfAdding('title');
      const selection = 'title officials { name country { name } }';
      const nested = await statementsOfAdding(selection);
      const countriesOf = (list: { country: { name: string } }[]) => list.map((official) => official.country.name).sort();
      expect(countriesOf(nested.eventAdded.officials)).toEqual(countriesOf(withCountry));
      expect(nested.statements - bare.statements).toBe(2);
      // Subscribers who ask the same and may see the same share one execution.
      expect((await statementsOfAdding(selection, 3)).statements).toBe(nested.statements);
    } finally {
      await client.dispose();
    }
  });

  it('adds at most one statement per deeper level: the officials of the events, and their countries; the event of each statement, and its countries', async () => {
    const officials = await statementsFor(`{ events(first: 50) { nodes { officials { name country { name } } } } }`, {});
    expect(officials.data.events.nodes.flatMap((n: { officials: { country: unknown }[] }) => n.officials.map((o) => o.country)).filter(Boolean).length).toBeGreaterThan(5);
    expect(officials.statements).toBe(2);
    const events = await statementsFor(`{ statements(first: 50) { nodes { event { countries { name } } } } }`, {});
    expect(events.data.statements.nodes.flatMap((n: { event: { countries: unknown[] } | null }) => n.event?.countries ?? []).length).toBeGreaterThan(20);
    expect(events.statements).toBe(3);
  });

  it('runs as many SQL statements for 50 events as for 2', async () => {
    const query = `query($first: Int) { events(first: $first) { nodes { title countries { name } officials { name } sources { title } statements { text speaker { name } } } } }`;
    const small = await statementsFor(query, { first: 2 });
    const large = await statementsFor(query, { first: 50 });
    expect(small.data.events.nodes).toHaveLength(2);
    expect(large.data.events.nodes.length).toBeGreaterThan(30);
    expect(large.data.events.nodes.flatMap((n: { statements: unknown[] }) => n.statements).length).toBeGreaterThan(10);
    // The page with every list of each event, then the speakers of the statements (officials not read with the events).
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBe(2);
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

describe('relations read with their owners', () => {
  it('gives the very facts the relation loaders read on their own, for every relation of every kind, deleted facts left out', async () => {
    const own = await startTestServer();
    try {
      const { dataSource } = own;
      const [deletedSource] = await dataSource.query(`SELECT "sourceId" AS "id" FROM "event_sources" LIMIT 1`);
      await dataSource.query(`UPDATE "sources" SET "deletedAt" = CURRENT_TIMESTAMP WHERE "id" = ${Number(deletedSource.id)}`);
      const [deletedStatement] = await dataSource.query(`SELECT "id" FROM "statements" WHERE "eventId" IS NOT NULL LIMIT 1`);
      await dataSource.query(`UPDATE "statements" SET "deletedAt" = CURRENT_TIMESTAMP WHERE "id" = ${Number(deletedStatement.id)}`);
      const related = dataSource.entityMetadatas.filter((metadata) => metadata.deleteDateColumn && linksOf(metadata).length + referencesOf(metadata).length > 0);
      expect(related.map((metadata) => metadata.targetName).sort()).toEqual(['CasualtyReport', 'Event', 'Official', 'Organization', 'Statement']);
      const { childLists } = KIND_INDEX;
      const listsOf = (metadata: EntityMetadata) => [...childLists.filter((list) => list.owner === metadata.target), ...partListsOf(metadata)];
      expect(related.flatMap(listsOf).map((list) => `${list.owner.name}.${list.field}`).sort()).toEqual(['Event.casualties', 'Event.figures', 'Event.statements']);
      const everything = new Map(related.map((metadata) => [metadata.targetName, new Set([...[...linksOf(metadata), ...referencesOf(metadata)].map((relation) => relation.property), ...listsOf(metadata).map((list) => list.field)])]));
      for (const metadata of related) {
        const ids: number[] = (await dataSource.query(`SELECT "id" FROM "${metadata.tableName}" WHERE "deletedAt" IS NULL ORDER BY "id"`)).map((row: { id: number }) => Number(row.id));
        expect(ids.length).toBeGreaterThan(0);
        const ahead = new Loaders(dataSource, childLists);
        ahead.lookAhead(everything);
        const alone = new Loaders(dataSource, childLists);
        const owners = (await ahead.byId<ObjectLiteral & { id: number }>(metadata.target as never).loadMany(ids)) as (ObjectLiteral & { id: number })[];
        expect(owners).toStrictEqual(await alone.byId<ObjectLiteral & { id: number }>(metadata.target as never).loadMany(ids));
        for (const link of linksOf(metadata)) {
          for (const owner of owners) expect([metadata.targetName, link.property, owner.id, await ahead.linked(metadata.target as never, link.property, owner.id)]).toStrictEqual([metadata.targetName, link.property, owner.id, await alone.linked(metadata.target as never, link.property, owner.id)]);
        }
        for (const list of listsOf(metadata)) {
          for (const owner of owners) expect([metadata.targetName, list.field, owner.id, await ahead.list(list, owner.id)]).toStrictEqual([metadata.targetName, list.field, owner.id, await alone.list(list, owner.id)]);
        }
        for (const reference of referencesOf(metadata)) {
          const target = dataSource.getMetadata(reference.type).target as never;
          for (const owner of owners) {
            const id = owner[reference.column];
            expect(id).not.toBeUndefined();
            expect([metadata.targetName, reference.property, await ahead.optional(target, id)]).toStrictEqual([metadata.targetName, reference.property, await alone.optional(target, id)]);
          }
        }
      }
      const event = (await dataSource.query(`SELECT "eventId" AS "id" FROM "event_sources" WHERE "sourceId" = ${Number(deletedSource.id)}`))[0];
      const sources = await new Loaders(dataSource, childLists).linked<{ id: number }>(related.find((metadata) => metadata.targetName === 'Event')!.target as never, 'sources', Number(event.id));
      expect(sources.map((source) => source.id)).not.toContain(Number(deletedSource.id));
      const eventMetadata = related.find((metadata) => metadata.targetName === 'Event')!;
      const eventsWithLists = new Loaders(dataSource, childLists);
      eventsWithLists.lookAhead(everything);
      const [{ eventId }] = await dataSource.query(`SELECT "eventId" FROM "statements" WHERE "id" = ${Number(deletedStatement.id)}`);
      await eventsWithLists.byId(eventMetadata.target as never).load(Number(eventId));
      const statementsList = childLists.find((list) => list.field === 'statements')!;
      expect((await eventsWithLists.list<{ id: number }>(statementsList as never, Number(eventId))).map((statement) => statement.id)).not.toContain(Number(deletedStatement.id));
    } finally {
      await own.stop();
    }
  });

  it('reads a relation only with the rows of the places that select it: selected on one event, it is not read for every event of a list', async () => {
    const { events } = dataOf(await server.gql(`{ events(first: 1) { nodes { id countries { name } } } }`));
    const [event] = events.nodes;
    const query = `query($id: ID!) { countries(first: 20) { nodes { events(first: 50) { nodes { id } } } } one: node(id: $id) { ... on Event { countries { name } } } }`;
    const { data } = await statementsFor(query, { id: event.id });
    expect(data.one.countries).toEqual(event.countries);
    expect(data.countries.nodes.flatMap((country: { events: { nodes: unknown[] } }) => country.events.nodes).length).toBeGreaterThan(30);
    // Events are read by id, or with the page that selects them; countries read with them are joined as "target".
    const eventsReadWithCountries = counter.statements.filter((sql) => sql.includes('"events" "row"') && sql.includes('JOIN "countries" "target"'));
    expect(eventsReadWithCountries).toEqual([]);
  });

  it('reads ahead nothing asked for on a condition (@skip, @include), which the cost check does not charge when skipped', async () => {
    const skipped = await statementsFor(`{ events(first: 50) { nodes { id statements @skip(if: true) { id } countries @include(if: false) { id } } } }`, {});
    expect(skipped.data.events.nodes[0]).toEqual({ id: expect.any(String) });
    expect(counter.statements.filter((sql) => sql.includes('"statements" "target"') || sql.includes('"countries" "target"'))).toEqual([]);
    const included = await statementsFor(`{ events(first: 50) { nodes { statements @include(if: true) { id } } } }`, {});
    const plain = await statementsFor(`{ events(first: 50) { nodes { statements { id } } } }`, {});
    expect(included.data).toEqual(plain.data);
    // A list under a condition is still a place of its own: what another list selects is not read with its rows.
    const beside = await statementsFor(`{ a: events(first: 1) { nodes { countries { id } } } b: events(first: 50) @include(if: true) { nodes { id } } }`, {});
    expect(beside.data.b.nodes.length).toBeGreaterThan(30);
    expect(counter.statements.filter((sql) => sql.includes('"events" "row"') && sql.includes('JOIN "countries" "target"'))).toEqual([]);
  });

  it('keeps nothing read before a write for after it, even a read under way when it was written', async () => {
    const Event = server.dataSource.getMetadata('Event').target as never;
    const [{ id }] = await server.dataSource.query(`SELECT "eventId" AS "id" FROM "event_countries" LIMIT 1`);
    const loaders = new Loaders(server.dataSource, KIND_INDEX.childLists);
    loaders.lookAhead(new Map([['Event', new Set(['countries', 'statements'])]]));
    counter.onStatement = () => loaders.forget();
    try {
      expect(await loaders.byId<ObjectLiteral & { id: number }>(Event).load(Number(id))).toMatchObject({ id: Number(id) });
    } finally {
      counter.onStatement = null;
    }
    expect(loaders.linked(Event, 'countries', Number(id))).toBeInstanceOf(Promise);
    const afresh = loaders.list(EVENT_STATEMENTS, Number(id));
    expect(afresh).toBeInstanceOf(Promise);
    expect(await afresh).toEqual(await new Loaders(server.dataSource, KIND_INDEX.childLists).list(EVENT_STATEMENTS, Number(id)));
  });

  it('keeps nothing read with a page before a write for after it, and answers a page with the facts the loaders hold', async () => {
    const Event = server.dataSource.getMetadata('Event').target as never;
    const [{ id }] = await server.dataSource.query(`SELECT "eventId" AS "id" FROM "event_countries" LIMIT 1`);
    const page = { sql: `SELECT "id" AS "k0" FROM "events" WHERE "id" = ${Number(id)}`, parameters: [], columns: ['k0'], idColumn: 'k0', order: [{ column: 'k0', direction: 'ASC' as const }] };
    const withCountries = () => {
      const loaders = new Loaders(server.dataSource, KIND_INDEX.childLists);
      loaders.lookAhead(new Map([['Event', new Set(['countries'])]]));
      return loaders;
    };
    const forgetting = withCountries();
    counter.onStatement = () => forgetting.forget();
    try {
      expect((await forgetting.pageOf<ObjectLiteral & { id: number }>(Event).inPage!(page))[0].node).toMatchObject({ id: Number(id) });
    } finally {
      counter.onStatement = null;
    }
    expect(forgetting.optional(Event, Number(id))).toBeInstanceOf(Promise);
    expect(forgetting.linked(Event, 'countries', Number(id))).toBeInstanceOf(Promise);

    const holding = withCountries();
    const held = await holding.byId<ObjectLiteral & { id: number }>(Event).load(Number(id));
    const [row] = await holding.pageOf<ObjectLiteral & { id: number }>(Event).inPage!(page);
    expect(row.node).toBe(held);
    expect(row.columns).toEqual({ k0: Number(id) });
  });

  it('answers a list read with its owner at once, without a promise', async () => {
    const Event = server.dataSource.getMetadata('Event').target as never;
    const [{ eventId }] = await server.dataSource.query(`SELECT "eventId" FROM "statements" WHERE "eventId" IS NOT NULL LIMIT 1`);
    const loaders = new Loaders(server.dataSource, KIND_INDEX.childLists);
    loaders.lookAhead(new Map([['Event', new Set(['statements'])]]));
    await loaders.byId<ObjectLiteral & { id: number }>(Event).load(Number(eventId));
    const held = loaders.list(EVENT_STATEMENTS, Number(eventId));
    expect(Array.isArray(held) && held.length).toBeGreaterThan(0);
  });

  it('answers a fact read by id with the very object read, not a copy read with another row', async () => {
    const Country = server.dataSource.getMetadata('Country').target as never;
    const Event = server.dataSource.getMetadata('Event').target as never;
    const [link] = await server.dataSource.query(`SELECT "eventId", "countryId" FROM "event_countries" LIMIT 1`);
    const loaders = new Loaders(server.dataSource, KIND_INDEX.childLists);
    loaders.lookAhead(new Map([['Event', new Set(['countries'])]]));
    const country = await loaders.byId<ObjectLiteral & { id: number }>(Country).load(Number(link.countryId));
    await loaders.byId<ObjectLiteral & { id: number }>(Event).load(Number(link.eventId));
    expect(loaders.optional(Country, Number(link.countryId))).toBe(country);
    expect((await loaders.linked<{ id: number }>(Event, 'countries', Number(link.eventId))).find((linked) => linked.id === country!.id)).toBe(country);
  });

  it('reads an event with every list of it in one statement: its links, and its statements, casualty reports and figures', async () => {
    const [{ id }] = await server.dataSource.query(`SELECT "eventId" AS "id" FROM "statements" WHERE "eventId" IS NOT NULL GROUP BY "eventId" ORDER BY COUNT(*) DESC LIMIT 1`);
    const { data, statements } = await statementsFor(`query($id: ID!) { node(id: $id) { ... on Event { title countries { name } officials { name } sources { title } statements { text date } casualties { killed } figures { subject } } } }`, {
      id: toGlobalId('Event', Number(id)),
    });
    expect(data.node.statements.length).toBeGreaterThan(1);
    const dates = data.node.statements.map((statement: { date: string }) => statement.date);
    expect(dates).toEqual([...dates].sort());
    expect(statements).toBe(1);
    // The rows of a list carry none of their own relations: each is read after them, once for the whole list.
    const deeper = await statementsFor(`query($id: ID!) { node(id: $id) { ... on Event { statements { speaker { name } country { name } sources { title } } } } }`, { id: toGlobalId('Event', Number(id)) });
    expect(deeper.data.node.statements.flatMap((statement: { sources: unknown[] }) => statement.sources).length).toBeGreaterThan(1);
    expect(deeper.statements).toBe(5);
  });

  it('reads them in the statement that reads their owners', async () => {
    const { statements } = await statementsFor(`{ statements(first: 50) { nodes { text speaker { name } country { name } sources { title } } } }`, {});
    expect(statements).toBeLessThanOrEqual(3);
  });
});

describe('what the loaders read with each row', () => {
  const schema = buildSchema(readFileSync(path.join(PROJECT_ROOT, 'schema.graphql'), 'utf8'));
  const selectedIn = fieldsSelectedIn(schema);

  it('names each list of facts as the field its owner has in the schema, a list of the facts it holds', () => {
    for (const list of KIND_INDEX.childLists) {
      const owner = schema.getType(list.owner.name) as GraphQLObjectType;
      const field = owner.getFields()[list.field];
      expect([list.owner.name, list.field, field && String(field.type)]).toEqual([list.owner.name, list.field, `[${(list.entity as Function).name}!]!`]);
    }
  });
  const selected = (query: string, operationName?: string) => {
    const fields = selectedIn(parse(query), operationName);
    return (type: string) => [...(fields.get(type) ?? [])].sort();
  };

  it('is what every place holding the type selects, through fragments and spreads', () => {
    const on = selected(`{ events { nodes { ...E countries { id } } } last: events(first: 1) { nodes { ...E } } } fragment E on Event { title officials { country { name } } }`);
    expect(on('Event')).toEqual(['officials', 'title']);
    expect(on('Official')).toEqual(['country']);
    expect(on('Country')).toEqual([]);
  });

  it('adds nothing asked for on a condition to its place, and still counts the places beneath it', () => {
    const conditionalList = selected(`query($x: Boolean!) { a: events { nodes { countries { id } } } b: events @include(if: $x) { nodes { id } } }`);
    expect(conditionalList('Event')).toEqual([]);
    const conditionalSpread = selected(`query($x: Boolean!) { a: events { nodes { countries { id } } } ...F @include(if: $x) } fragment F on Query { b: events { nodes { id } } }`);
    expect(conditionalSpread('Event')).toEqual([]);
    const conditionalFields = selected(`query($x: Boolean!) { events { nodes { id countries @skip(if: $x) { id } ... on Event @include(if: $x) { officials { id } } } } }`);
    expect(conditionalFields('Event')).toEqual(['id']);
  });

  it('counts a field selected on an interface for every type that implements it, and an inline fragment for its own type', () => {
    const on = selected(`{ node(id: "x") { id ... on Event { countries { name } } ... on Node { __typename } } }`);
    expect(on('Event')).toEqual(['__typename', 'countries', 'id']);
    expect(on('Official')).toEqual(['__typename', 'id']);
  });

  it('reads only the operation named', () => {
    const on = selected(`query A { events { nodes { countries { id } } } } query B { events { nodes { sources { id } } } }`, 'B');
    expect(on('Event')).toEqual(['sources']);
  });
});
