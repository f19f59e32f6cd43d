/**
 * The seeded knowledge base says what the article says.
 *
 * A sample of facts from every section of the article "North Korean involvement in the Russian invasion of Ukraine",
 * read back through real GraphQL requests. Things are found the way a client finds them (search,
 * filters, lists), never by constructing ids. "ref N" is the article's reference [N]; "article" is
 * the article itself. Sources are numbered by the order `Query.sources` returns them in (the
 * article's references first, by number), which the References block checks title by title.
 */
import { dataOf, startTestServer, TestServer } from './helpers/server';

// ---------------------------------------------------------------------------------------------
// Shapes and selections
// ---------------------------------------------------------------------------------------------

type Ref = number | 'article';
type Precision = 'DAY' | 'MONTH' | 'YEAR';

interface SourceRef {
  id: string;
  title: string;
}
interface Named {
  name: string;
}
interface Figure {
  subject: string;
  unit: string | null;
  best: number | null;
  low: number | null;
  high: number | null;
}
interface EventNode {
  id: string;
  title: string;
  summary: string | null;
  date: string;
  datePrecision: Precision;
  endDate: string | null;
  type: string;
  claimStatus: string;
  location: { name: string; latitude: number | null; longitude: number | null; country: Named | null } | null;
  countries: (Named & { isoCode: string | null })[];
  officials: (Named & { role: string | null })[];
  figures: Figure[];
  sources: SourceRef[];
  statements: { text: string; isQuote: boolean }[];
}
interface OfficialNode extends Named {
  id: string;
  role: string | null;
  country: Named | null;
  organization: (Named & { acronym: string | null }) | null;
}
interface StatementNode {
  id: string;
  text: string;
  isQuote: boolean;
  date: string;
  datePrecision: Precision;
  speaker: Omit<OfficialNode, 'id'> | null;
  country: Named | null;
  organization: (Named & { acronym: string | null }) | null;
  event: { title: string } | null;
  sources: SourceRef[];
}
interface CasualtyNode {
  asOf: string;
  datePrecision: Precision;
  claimStatus: string;
  killed: number | null;
  wounded: number | null;
  captured: number | null;
  missing: number | null;
  country: Named;
  reportedBy: (Named & { acronym: string | null; country: Named | null }) | null;
  reportedByCountry: Named | null;
  event: { title: string; type: string } | null;
  sources: SourceRef[];
}
interface SourceNode {
  id: string;
  title: string;
  publisher: string | null;
  author: string | null;
  publishedOn: string | null;
  retrievedOn: string | null;
}

const SOURCES = 'sources { id title }';
const OFFICIAL = 'name role country { name } organization { name acronym }';
const EVENT = `id title summary date datePrecision endDate type claimStatus
  location { name latitude longitude country { name } }
  countries { name isoCode } officials { name role }
  figures { subject unit best low high } statements { text isQuote } ${SOURCES}`;
const STATEMENT = `id text isQuote date datePrecision speaker { ${OFFICIAL} } country { name }
  organization { name acronym } event { title } ${SOURCES}`;
const CASUALTY = `asOf datePrecision claimStatus killed wounded captured missing country { name }
  reportedBy { name acronym country { name } } reportedByCountry { name } event { title type } ${SOURCES}`;

// ---------------------------------------------------------------------------------------------
// Query helpers
// ---------------------------------------------------------------------------------------------

let server: TestServer;
/** Source id -> its number in the article's reference list ('article' for the article itself). */
const refBySourceId = new Map<string, Ref>();

async function gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  return dataOf<T>(await server.gql<T>(query, variables));
}

const FILTER_TYPES = { events: 'EventFilter', statements: 'StatementFilter', casualties: 'CasualtyFilter', sources: 'SourceFilter' };

/** Every node of a top-level connection, page by page. */
async function all<T>(field: keyof typeof FILTER_TYPES, selection: string, filter?: Record<string, unknown>): Promise<T[]> {
  const filterArg = filter ? ', filter: $filter' : '';
  const filterVar = filter ? `, $filter: ${FILTER_TYPES[field]}` : '';
  const nodes: T[] = [];
  let after: string | null = null;
  for (;;) {
    const data: any = await gql(
      `query All($after: String${filterVar}) { ${field}(first: 100, after: $after${filterArg}) {
        nodes { ${selection} } pageInfo { hasNextPage endCursor } } }`,
      { after, filter },
    );
    nodes.push(...data[field].nodes);
    if (!data[field].pageInfo.hasNextPage) return nodes;
    after = data[field].pageInfo.endCursor;
  }
}

interface Period {
  from: string;
  to: string;
}
const day = (iso: string): Period => ({ from: iso, to: iso });
const month = (yearMonth: string): Period => {
  const [y, m] = yearMonth.split('-').map(Number);
  return { from: `${yearMonth}-01`, to: `${yearMonth}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}` };
};
const year = (y: string): Period => ({ from: `${y}-01-01`, to: `${y}-12-31` });

function theOnly<T>(found: T[], what: string, describe: (item: T) => string): T {
  if (found.length !== 1) throw new Error(`expected exactly one ${what}, found ${found.length}: ${JSON.stringify(found.map(describe))}`);
  return found[0];
}

async function findEvents(filter: Record<string, unknown>): Promise<EventNode[]> {
  const data = await gql(`query ($filter: EventFilter) { events(first: 100, filter: $filter) { nodes { ${EVENT} } } }`, { filter });
  return data.events.nodes;
}

/** The one event that matches a search (title, summary, place) dated within `period`. */
async function findEvent(search: string, period: Period, types?: string[]): Promise<EventNode> {
  const found = await findEvents({ search, ...period, types });
  return theOnly(found, `event matching "${search}" in ${period.from}..${period.to}`, (event) => event.title);
}

async function findStatements(filter: Record<string, unknown>): Promise<StatementNode[]> {
  return all<StatementNode>('statements', STATEMENT, filter);
}

/** The one statement whose text matches `search`, dated within `period`. */
async function findStatement(search: string, period: Period): Promise<StatementNode> {
  const found = await findStatements({ search, ...period });
  return theOnly(found, `statement matching "${search}" in ${period.from}..${period.to}`, (statement) => statement.text);
}

async function findOfficial(name: string): Promise<OfficialNode> {
  const data = await gql(`query ($search: String) { officials(first: 100, filter: { search: $search }) { nodes { id ${OFFICIAL} } } }`, { search: name });
  return theOnly<OfficialNode>(
    data.officials.nodes.filter((official: OfficialNode) => official.name === name),
    `official named ${name}`,
    (official) => official.name,
  );
}

async function countryId(name: string): Promise<string> {
  const data = await gql(`query ($search: String) { countries(first: 100, filter: { search: $search }) { nodes { id name } } }`, { search: name });
  return theOnly<{ id: string; name: string }>(
    data.countries.nodes.filter((country: Named) => country.name === name),
    `country named ${name}`,
    (country) => country.name,
  ).id;
}

/** The casualty reports on North Korea's losses as of a period. */
async function northKoreanLosses(period: Period): Promise<CasualtyNode[]> {
  return all<CasualtyNode>('casualties', CASUALTY, { countryIds: [await countryId('North Korea')], ...period });
}

/** The reference numbers a node cites, ascending, the article last. */
function refs(node: { sources: SourceRef[] }): Ref[] {
  return node.sources
    .map((source) => refBySourceId.get(source.id) ?? (`unknown source "${source.title}"` as never))
    .sort((a, b) => (a === 'article' ? 1 : b === 'article' ? -1 : (a as number) - (b as number)));
}

/** When it happened, and how precisely the date is known. */
const when = (node: { date: string; datePrecision: Precision }) => ({ date: node.date, datePrecision: node.datePrecision });

const names = (list: Named[]) => list.map((item) => item.name).sort();

/** The event's one figure whose subject mentions `word`, without its subject. */
function figure(event: EventNode, word: string): Omit<Figure, 'subject'> {
  const { subject, ...values } = theOnly(
    event.figures.filter((f) => f.subject.toLowerCase().includes(word.toLowerCase())),
    `figure about "${word}" on "${event.title}"`,
    (f) => f.subject,
  );
  return values;
}

// ---------------------------------------------------------------------------------------------
// The article's reference list, as the article gives it: [n, title, publisher, author, published, retrieved]
// ---------------------------------------------------------------------------------------------

type Reference = [Ref, string, string | null, string | null, string | null, string | null];

const REFERENCES: Reference[] = [
  [1, "Russian diplomats say North Korea has recognized Moscow's sovereignty over Crimea", 'Meduza', null, null, '2024-11-19'],
  [2, "Statement of the Ministry of Foreign Affairs of Ukraine regarding the severance of diplomatic relations with the Democratic People's Republic of Korea", 'Ukrainian Foreign Ministry', null, null, null],
  [3, 'Ukraine Cuts Ties With North Korea Over Recognition Of Separatist Territories', 'rferl.org', null, '2022-07-13', '2024-10-23'],
  [4, 'Nordkoreas Rüstungspolitik als indirekte Sicherheitsbedrohung für Europa', 'swp-berlin.org', null, '2024-10-21', '2024-11-18'],
  [5, 'Nordkorea liefert Russland offenbar auch Artillerie', 'tagesschau.de', null, '2024-11-17', '2024-11-18'],
  [6, '"Не будемо сидіти склавши руки": Південна Корея готує відповідь на солдат КНДР в росії', 'weukraine.tv', 'Olga Krotovska', '2024-11-18', '2024-11-19'],
  [7, "$200m a year, 700,000 tons of rice, space tech: The deal for North Korea in joining Russia's war", 'koreaherald.com', 'Kim Arin', '2024-11-03', '2024-11-04'],
  [8, 'North Korean troops seen being equipped in Russia ahead of likely deployment to Ukraine', 'CNN', 'Kennedy, Niamh; Yee, Isaac; Butenko, Victoria', '2024-10-19', '2025-01-12'],
  [9, "'First step to World War' — North Korea preparing 10,000 soldiers to join Russia's war, Zelensky confirms", 'The Kyiv Independent', 'Denisova, Kateryna', '2024-10-17', '2025-01-12'],
  [10, 'Schickt Nordkorea Soldaten nach Russland?', 'tagesschau.de', null, '2024-10-23', '2024-10-23'],
  [11, "Ukraine's Zelenskyy says North Korean troops are poised to join the war, cancels UN chief's visit", 'AP News', 'Novikov, Illia; Lukatsky, Efrem', '2024-10-25', '2025-01-12'],
  [12, 'КНДР постачає військових Росії: новий виклик для міжнародної безпеки', 'lrt.lt', 'Oleksandr Levchenko', '2024-10-29', '2024-11-01'],
  [13, "Doorstep statement by NATO Secretary General Mark Rutte following the North Atlantic Council briefing on the DPRK's troop deployment to Russia", 'NATO', null, '2024-10-28', '2024-11-19'],
  [14, 'Erste nordkoreanische Soldaten offenbar in Kursk eingetroffen', 'spiegel.de', null, '2024-10-25', '2024-10-25'],
  [15, 'Військові з КНДР почали злагодження на Курщині – ЦНС', 'slovoidilo.ua', null, '2024-10-28', '2024-10-28'],
  [16, 'Перша партія північнокорейських солдатів уже в Курській області', null, 'Julia Chizhnyak', '2024-10-26', '2024-10-27'],
  [17, 'FT: військові КНДР перебувають за 50 кілометрів від кордону з Україною', 'radiosvoboda.org', null, '2024-10-30', '2024-10-30'],
  [18, "North Korean Soldiers Arrive on Russia's Front Line. How Ready Are They to Fight?", 'wsj.com', 'Dasl Yoon; Timothy W. Martin; Jane Lytvynenko', '2024-10-27', '2024-10-28'],
  [19, 'Великих змін не буде. Війська КНДР можуть зазнати у війні проти України ще більших втрат, ніж РФ — естонська розвідка', 'nv.ua', null, '2024-11-01', '2024-11-01'],
  [20, 'КНДР на війні в Україні: для чого Росії північнокорейські військові та чи змінять вони хід бойових дій', 'suspilne.media', 'Anna Frazivir', '2024-10-30', '2024-11-02'],
  [21, 'North Korean soldiers addicted to porn after getting unrestricted internet access in Russia', 'Hindustan Times', 'Sharma, Muskaan', '2024-11-07', null],
  // "Yahoo News. The Standard.": the website and the paper that published it.
  [22, "North Korean troops have been allowed access to the internet – and they're 'addicted to porn'", 'Yahoo News (The Standard)', 'Page, Jordan', '2024-11-06', null],
  [23, 'North Korean soldiers have become porn addicts amid Russia-Ukraine war: Report', 'World News', 'Prisha (ed.)', '2024-11-06', null],
  [24, 'Underestimating North Korean troops is a mistake, experienced military officials warn', 'washingtontimes.com', 'Andrew Salmon', '2024-10-31', '2024-11-01'],
  [25, 'Putins Truppen rücken auf Industriestadt Pokrowsk vor', 'spiegel.de', null, '2024-10-31', '2024-10-31'],
  [26, "North Korea says it will stand by Russia until 'victory' in Ukraine", 'Le Monde', null, '2024-11-01', '2024-11-19'],
  [27, 'КНДР обіцяє "твердо стояти поруч" з Росією у війні проти України', 'rbc.ua', 'Serhij Pischkin', '2024-11-01', '2024-11-01'],
  // "The Moscow Times. AFP.": the paper and the agency.
  [28, 'Putin Met North Korean Foreign Minister, Kremlin Says', 'The Moscow Times (AFP)', null, '2024-11-04', '2024-11-19'],
  [29, 'Federation Council ratifies Russian-N. Korean Treaty of Strategic Partnership', 'interfax.com', null, null, '2024-11-19'],
  [30, 'Рис, космічні технології і не тільки: що КНДР отримає від Росії за відправлення своїх солдатів', 'fakty.com.ua', 'Maria Stepaniuk', '2024-11-03', '2024-11-03'],
  [31, 'Нова мішень ЗСУ: перші солдати Північної Кореї стали ціллю українських захисників', 'expres.online', 'Oleg Zubaruk', '2024-11-04', '2024-11-04'],
  [32, 'North Korea Enters Ukraine Fight for First Time, Officials Say', 'The New York Times', 'Schwirtz, Michael; Barnes, Julian E.', '2024-11-05', null],
  [33, 'Offenbar erste Gefechte mit Truppen Nordkoreas', 'tagesschau.de', null, '2024-11-06', '2024-11-06'],
  // The article gives no publication date; DW's own title carries it (01/12/2025).
  [34, 'Ukraine says 2 North Korean soldiers captured – DW – 01/12/2025', 'dw.com', null, '2025-01-12', '2025-01-21'],
  [35, 'Seoul says 300 North Korean soldiers killed, 2,700 wounded fighting Ukraine', 'Al Jazeera', null, null, '2025-01-21'],
  [36, 'Україна дорікає партнерам за "нульову" відповідь на участь Північної Кореї в російській війні', 'holosameryky.com', 'Bohdan Tsyupin', '2024-11-01', '2024-11-01'],
  [37, 'Кислиця в ООН: участь солдатів КНДР у війні є найнебезпечнішим розвитком подій за останній час', 'slovoidilo.ua', null, '2024-10-31', '2024-10-31'],
  [38, 'Росіяни перевозять на фронт солдат КНДР у вантажівках з цивільними номерами — ГУР', 'suspilne.media', 'Daria Kinsha', '2024-10-27', '2024-10-27'],
  [39, 'Пентагон: солдати з КНДР, ймовірно, посилять війська РФ поблизу України протягом наступних кількох тижнів', 'radiosvoboda.org', null, '2024-10-28', '2024-10-28'],
  // The article has a no-break space after the closing guillemet.
  [40, 'Blinken kündigt »harte Antwort«\u00a0auf Nordkoreas Unterstützung für Russland an', 'spiegel.de', null, '2024-11-13', '2024-11-13'],
  [41, 'Wie stark ist Nordkoreas Armee wirklich, und welche neuen Risiken entstehen mit dem Russland-Bund?', 'Neue Zürcher Zeitung', 'Martin Kölling', '2024-10-24', '2024-10-24'],
  [42, 'NATO-Generalsekretär: Nordkorea hat Soldaten in Region Kursk', 'apa.at', null, '2024-10-28', '2024-10-28'],
  [43, 'US-Regierung rechnet mit 10.000 nordkoreanischen Soldaten in Russland', 'spiegel.de', null, '2024-10-28', '2024-10-29'],
  [44, 'Guterres warnt vor Einsatz nordkoreanischer Soldaten im Ukrainekrieg', 'spiegel.de', null, '2024-11-04', '2024-11-04'],
  [45, '"Stehen felsenfest an Seite der Ukraine"', 'tagesschau.de', null, '2024-11-04', '2024-11-04'],
  [46, "South Korea 'not ruling out' sending weapons directly to Ukraine", 'France 24', null, '2024-11-07', null],
  [47, 'South Koreans oppose arms for Ukraine as envoy visits', 'Reuters', null, '2024-11-27', null],
  ['article', 'North Korean involvement in the Russian invasion of Ukraine', null, null, null, null],
];

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  server = await startTestServer();
  const sources = await all<SourceNode>('sources', 'id title');
  // Query.sources lists the article's references first, by number; the article comes after them.
  sources.forEach((source, index) => refBySourceId.set(source.id, index < 47 ? index + 1 : index === 47 ? 'article' : (`source #${index + 1}` as never)));
});

afterAll(async () => {
  await server?.stop();
});

describe('Introduction', () => {
  it("North Korea backed Russia from 2022 by recognizing the self-proclaimed Donetsk and Luhansk People's Republics (July 2022, DIPLOMACY, CONFIRMED, ref 2)", async () => {
    const event = await findEvent('recognizes Donetsk Luhansk', year('2022'));
    expect(when(event)).toEqual({ date: '2022-07-01', datePrecision: 'MONTH' });
    expect([event.type, event.claimStatus]).toEqual(['DIPLOMACY', 'CONFIRMED']);
    expect(event.countries).toEqual(
      expect.arrayContaining([
        { name: 'North Korea', isoCode: 'PRK' },
        { name: "Donetsk People's Republic", isoCode: null },
        { name: "Luhansk People's Republic", isoCode: null },
      ]),
    );
    expect(refs(event)).toEqual([2]);
  });

  it('in the fall of 2024 North Korea sent soldiers to Russia: the troop deployments of autumn 2024 all involve North Korea and Russia', async () => {
    const deployments = await findEvents({ types: ['TROOP_DEPLOYMENT'], from: '2024-09-01', to: '2024-11-30', countryIds: [await countryId('North Korea')] });
    expect(deployments.map((event) => event.title)).toEqual(
      expect.arrayContaining([
        'About 1,500 North Korean soldiers sent to Russia for military training',
        'First North Korean soldiers arrive in Kursk Oblast',
        'About 10,000 North Korean soldiers in Kursk by end of October 2024, says US Department of Defense',
      ]),
    );
    for (const event of deployments) expect(names(event.countries)).toEqual(expect.arrayContaining(['North Korea', 'Russia']));
  });

  it('they fought in Russian uniforms and under Russian command (Umierov, paraphrased, ref 33)', async () => {
    const command = await findStatement('under Russian command', day('2024-11-06'));
    expect(command.text).toBe(
      'The North Korean soldiers were fully integrated into the Russian army and operated under Russian command, which further complicated the determination of their actual identity.',
    );
    const uniforms = await findStatement('Russian uniforms Buryat', day('2024-11-06'));
    expect([command.speaker?.name, uniforms.speaker?.name, command.isQuote, uniforms.isQuote]).toEqual(['Rustem Umierov', 'Rustem Umierov', false, false]);
    expect([refs(command), refs(uniforms)]).toEqual([[33], [33]]);
  });
});

describe('Diplomatic support for Russia', () => {
  it('North Korea officially recognized Crimea as part of Russia as early as 2017 (YEAR precision, DIPLOMACY, CONFIRMED, ref 1)', async () => {
    const event = await findEvent('Crimea', year('2017'));
    expect(event.title).toBe('North Korea recognizes Crimea as part of Russia');
    expect(when(event)).toEqual({ date: '2017-01-01', datePrecision: 'YEAR' });
    expect([event.type, event.claimStatus]).toEqual(['DIPLOMACY', 'CONFIRMED']);
    expect(names(event.countries)).toEqual(expect.arrayContaining(['North Korea', 'Russia']));
    expect(refs(event)).toEqual([1]);
  });

  it('the recognition immediately led Ukraine to sever diplomatic relations with North Korea in July 2022 (refs 2 and 3)', async () => {
    const event = await findEvent('severs diplomatic relations', month('2022-07'));
    expect(event.title).toBe('Ukraine severs diplomatic relations with North Korea');
    expect(when(event)).toEqual({ date: '2022-07-01', datePrecision: 'MONTH' });
    expect([event.type, event.claimStatus]).toEqual(['DIPLOMACY', 'CONFIRMED']);
    expect(names(event.countries)).toEqual(['North Korea', 'Ukraine']);
    expect(event.summary).toContain('more symbolic');
    expect(refs(event)).toEqual([2, 3]);
  });

  it("Ukraine condemned the recognition as a serious breach of international law (paraphrase on behalf of Ukraine, ref 2)", async () => {
    const statement = await findStatement('serious breach of international law', month('2022-07'));
    expect(statement.isQuote).toBe(false);
    expect([statement.speaker, statement.country?.name]).toEqual([null, 'Ukraine']);
    expect(statement.event?.title).toBe("North Korea recognizes the Donetsk and Luhansk People's Republics");
    expect(refs(statement)).toEqual([2]);
  });

  it("the Ukrainian Foreign Ministry said North Korea's decision had no legal relevance (paraphrase, ref 2)", async () => {
    const statement = await findStatement('no legal relevance', month('2022-07'));
    expect([statement.isQuote, statement.organization?.name, statement.country?.name]).toEqual([false, 'Ukrainian Foreign Ministry', 'Ukraine']);
    expect(refs(statement)).toEqual([2]);
  });
});

describe('Arms deliveries to Russia', () => {
  it('North Korean artillery ammunition from old stocks failed up to 50% of the time; output was up to two million shells a year (ARMS_TRANSFER, REPORTED, ref 4)', async () => {
    const event = await findEvent('artillery ammunition', year('2022'), ['ARMS_TRANSFER']);
    expect(event.title).toBe('North Korea supplies Russia with artillery ammunition');
    expect(when(event)).toEqual({ date: '2022-01-01', datePrecision: 'YEAR' });
    expect(event.claimStatus).toBe('REPORTED');
    expect(figure(event, 'failure rate')).toEqual({ unit: 'percent', best: 50, low: null, high: 50 });
    expect(figure(event, 'produced per year')).toEqual({ unit: 'shells', best: 2_000_000, low: null, high: 2_000_000 });
    expect(refs(event)).toEqual([4, 36]);
  });

  it('in mid-November 2024 almost 50 M-1989 Koksan howitzers and around 20 M-1991 missile systems were delivered (MONTH precision, refs 5 and 6)', async () => {
    const event = await findEvent('Koksan', month('2024-11'), ['ARMS_TRANSFER']);
    expect(when(event)).toEqual({ date: '2024-11-01', datePrecision: 'MONTH' });
    expect(event.claimStatus).toBe('REPORTED');
    expect(names(event.countries)).toEqual(['North Korea', 'Russia']);
    expect(figure(event, 'Koksan')).toEqual({ unit: 'howitzers', best: 50, low: null, high: 50 });
    expect(figure(event, 'M-1991')).toEqual({ unit: 'systems', best: 20, low: null, high: null });
    expect(refs(event)).toEqual([5, 6, 'article']);
  });

  it("Wi Sun Lak, former South Korean ambassador to Russia, told The Korea Herald the war benefits North Korea as Moscow pays compensation (paraphrases, ref 7)", async () => {
    const wi = await findOfficial('Wi Sun Lak');
    expect([wi.role, wi.country?.name]).toEqual(['Former South Korean ambassador to Russia', 'South Korea']);
    const statements = await findStatements({ speakerIds: [wi.id] });
    expect(statements.map((statement) => statement.text).sort()).toEqual([
      "North Korea's participation in the war against Ukraine is beneficial to North Korea.",
      "Russia's support of North Korea helps ease economic problems such as the financial and food crises, as Moscow pays compensation.",
    ]);
    for (const statement of statements) {
      expect([statement.isQuote, refs(statement)]).toEqual([false, [7]]);
    }
  });

  it('South Korean intelligence: containers of artillery shells could buy hundreds of thousands of tons of rice (NIS, ref 7)', async () => {
    const statement = await findStatement('tons of rice', year('2024'));
    expect(statement.organization).toEqual({ name: 'National Intelligence Service', acronym: 'NIS' });
    expect([statement.country?.name, statement.isQuote]).toEqual(['South Korea', false]);
    expect(refs(statement)).toEqual([7]);
  });

  it('officials reported that Russia may be helping North Korea develop space technology (ref 7)', async () => {
    const statement = await findStatement('space technology', year('2024'));
    expect(statement.text).toBe('Russia may be helping North Korea develop space technology.');
    expect(refs(statement)).toEqual([7]);
  });
});

describe('Deployment of North Korean soldiers to Russia', () => {
  it('NIS says about 1,500 soldiers were sent for training in October 2024, shipped to Vladivostok and given Russian uniforms and fake identities (ALLEGED, refs 8 and 9)', async () => {
    const event = await findEvent('1,500 soldiers training', month('2024-10'));
    expect(when(event)).toEqual({ date: '2024-10-01', datePrecision: 'MONTH' });
    expect([event.type, event.claimStatus]).toEqual(['TROOP_DEPLOYMENT', 'ALLEGED']);
    expect([event.location?.name, event.location?.country?.name]).toEqual(['Vladivostok', 'Russia']);
    expect(figure(event, 'military training')).toEqual({ unit: 'soldiers', best: 1500, low: null, high: null });
    expect(event.summary).toContain('fake identities');
    expect(refs(event)).toEqual([8, 9]);
    const nis = await findStatement('1,500 soldiers', month('2024-10'));
    expect([nis.organization?.acronym, nis.event?.title, refs(nis)]).toEqual(['NIS', event.title, [8, 9]]);
  });

  it('North Korea is said to have decided to send about 12,000 troops incl. some 500 officers and three generals; Russia called it "fake news" (DISPUTED, refs 10 and 11)', async () => {
    const event = await findEvent('12,000 troops', month('2024-10'), ['TROOP_DEPLOYMENT']);
    expect(event.claimStatus).toBe('DISPUTED');
    expect(figure(event, 'troops to be sent')).toEqual({ unit: 'soldiers', best: 12000, low: null, high: null });
    expect(figure(event, 'officers')).toEqual({ unit: 'officers', best: 500, low: null, high: null });
    expect(figure(event, 'generals')).toEqual({ unit: 'generals', best: 3, low: null, high: null });
    expect(refs(event)).toEqual([10, 11, 30]);
  });

  it('the soldiers trained at Russian training areas in Ussuriysk, Ulan-Ude and Knyazye-Volkonskoye (TRAINING, REPORTED, ref 12)', async () => {
    const trainings = await findEvents({ search: 'training area', types: ['TRAINING'], ...month('2024-10') });
    expect(trainings.map((event) => event.location?.name).sort()).toEqual(['Knyazye-Volkonskoye', 'Ulan-Ude', 'Ussuriysk']);
    for (const event of trainings) {
      expect([event.location?.country?.name, event.claimStatus, refs(event)]).toEqual(['Russia', 'REPORTED', [12]]);
    }
  });

  it('in October 2024 NATO claimed it had evidence that North Korean soldiers had been sent to Russia (ALLEGED, ref 13)', async () => {
    const event = await findEvent('NATO evidence', month('2024-10'));
    expect([when(event), event.claimStatus, refs(event)]).toEqual([{ date: '2024-10-01', datePrecision: 'MONTH' }, 'ALLEGED', [13]]);
    const statement = await findStatement('evidence', month('2024-10'));
    expect([statement.organization?.acronym, statement.isQuote, refs(statement)]).toEqual(['NATO', false, [13]]);
  });

  it("Ukraine's military intelligence HUR claimed the first North Korean soldiers arrived in Kursk Oblast on 25 October 2024 (DAY, ALLEGED, ref 14)", async () => {
    const event = await findEvent('arrive Kursk', day('2024-10-25'), ['TROOP_DEPLOYMENT']);
    expect(event.title).toBe('First North Korean soldiers arrive in Kursk Oblast');
    expect([when(event), event.claimStatus]).toEqual([{ date: '2024-10-25', datePrecision: 'DAY' }, 'ALLEGED']);
    expect([event.location?.name, event.location?.country?.name]).toEqual(['Kursk Oblast', 'Russia']);
    expect(refs(event)).toEqual([14, 'article']);
    const hur = await findStatement('arrived Kursk', day('2024-10-25'));
    expect([hur.organization, hur.country?.name, refs(hur)]).toEqual([{ name: 'Main Directorate of Intelligence', acronym: 'HUR' }, 'Ukraine', [14]]);
  });

  it("the training is reportedly led by Russia's deputy defense minister Yunus-bek Yevkurov (ALLEGED, ref 14)", async () => {
    const yevkurov = await findOfficial('Yunus-bek Yevkurov');
    expect([yevkurov.role, yevkurov.country?.name]).toEqual(['Deputy Defense Minister of Russia', 'Russia']);
    const event = theOnly(await findEvents({ officialIds: [yevkurov.id] }), 'event of Yevkurov', (e) => e.title);
    expect([event.type, event.claimStatus, refs(event)]).toEqual(['TRAINING', 'ALLEGED', [14]]);
  });

  it('North Korean embassy staff were purportedly taken to a training ground to translate and supervise (ALLEGED, ref 15)', async () => {
    const event = await findEvent('embassy', month('2024-10'));
    expect([event.type, event.claimStatus, refs(event)]).toEqual(['TRAINING', 'ALLEGED', [15]]);
    expect(event.summary).toContain('translation');
  });

  it('an elite unit was flown from Vladivostok to western Russia in Il-76 transport planes (REPORTED, ref 16)', async () => {
    const event = await findEvent('Il-76', month('2024-10'));
    expect([event.type, event.claimStatus, event.location?.name, refs(event)]).toEqual(['TROOP_DEPLOYMENT', 'REPORTED', 'Vladivostok', [16]]);
  });

  it('they were billeted in barracks about 50 km from the Ukrainian border (ref 17)', async () => {
    const event = await findEvent('billeted', month('2024-10'));
    expect(figure(event, 'border')).toEqual({ unit: 'km', best: 50, low: null, high: null });
    expect(refs(event)).toEqual([17]);
  });

  it("Ants Kiviselg (Estonian Defense Ministry's intelligence center): trained for mountains, unfamiliar with the terrain, training quality not high (3 paraphrases, ref 19)", async () => {
    const kiviselg = await findOfficial('Ants Kiviselg');
    expect([kiviselg.role, kiviselg.country?.name, kiviselg.organization?.name]).toEqual([
      "Commander of the Estonian Defense Ministry's intelligence center",
      'Estonia',
      "Estonian Defense Ministry's intelligence center",
    ]);
    const statements = await findStatements({ speakerIds: [kiviselg.id] });
    expect(statements.map((s) => s.text).sort()).toEqual([
      'North Korean soldiers are unfamiliar with the climatic conditions and geography on the ground.',
      'North Korean soldiers are usually trained to fight in mountainous terrain and have no experience of operating in Ukraine.',
      "The quality of the North Korean soldiers' training in Russia is not high.",
    ]);
    for (const statement of statements) expect([statement.isQuote, refs(statement)]).toEqual([false, [19]]);
  });

  it('ISW analyst Kateryna Stepanenko said the term "elite" may not apply to North Korean troops (paraphrase, ref 20)', async () => {
    const statement = await findStatement('elite may not apply', month('2024-10'));
    expect(statement.speaker).toEqual({
      name: 'Kateryna Stepanenko',
      role: 'Analyst at the Institute for the Study of War',
      country: null,
      organization: { name: 'Institute for the Study of War', acronym: 'ISW' },
    });
    expect([statement.isQuote, refs(statement)]).toEqual([false, [20]]);
  });

  it('the quality of the troops was viewed critically (ref 18), yet some warned against underestimating them (ref 24)', async () => {
    expect(refs(await findStatement('viewed critically', month('2024-10')))).toEqual([18]);
    expect(refs(await findStatement('underestimating', month('2024-10')))).toEqual([24]);
  });

  it('numerous sources reported some soldiers became addicted to pornography on the less controlled Russian internet (OTHER, refs 21, 22 and 23)', async () => {
    const event = await findEvent('pornography', month('2024-11'));
    expect([event.type, event.claimStatus, refs(event)]).toEqual(['OTHER', 'REPORTED', [21, 22, 23]]);
  });

  it('Ukraine told the UN Security Council Russia meant to integrate at least five brigades of 2,000 to 3,000 soldiers each (ALLEGED, ref 25)', async () => {
    const event = await findEvent('Security Council brigades', month('2024-10'));
    expect([event.type, event.claimStatus]).toEqual(['DIPLOMACY', 'ALLEGED']);
    expect(figure(event, 'brigades')).toEqual({ unit: 'brigades', best: 5, low: 5, high: null });
    expect(figure(event, 'per brigade')).toEqual({ unit: 'soldiers', best: null, low: 2000, high: 3000 });
    expect(refs(event)).toEqual([25]);
  });

  it("the US Department of Defense: about 10,000 North Korean soldiers in Kursk by the end of October 2024, among them Colonel General Kim Yong Bok (ALLEGED, ref 25)", async () => {
    const event = await findEvent('10,000 Kursk', month('2024-10'), ['TROOP_DEPLOYMENT']);
    expect([when(event), event.claimStatus, event.location?.name]).toEqual([{ date: '2024-10-01', datePrecision: 'MONTH' }, 'ALLEGED', 'Kursk Oblast']);
    expect(figure(event, 'Kursk')).toEqual({ unit: 'soldiers', best: 10000, low: null, high: null });
    expect(event.officials).toEqual([{ name: 'Kim Yong Bok', role: "Commander of North Korea's special forces" }]);
    expect(refs(event)).toEqual([25]);
    const dod = await findStatement('10,000', day('2024-10-31'));
    expect([dod.organization?.name, dod.country?.name, dod.isQuote]).toEqual(['United States Department of Defense', 'United States', false]);
  });

  it('on 1 November 2024 in Moscow foreign minister Choe Son-hui told Sergey Lavrov North Korea would back Russia until final victory (CONFIRMED, paraphrase, ref 26)', async () => {
    const meeting = await findEvent('Lavrov', day('2024-11-01'));
    expect([meeting.type, meeting.claimStatus, meeting.location?.name, meeting.location?.country?.name]).toEqual(['DIPLOMACY', 'CONFIRMED', 'Moscow', 'Russia']);
    expect(meeting.officials.map((o) => [o.name, o.role]).sort()).toEqual([
      ['Choe Son-hui', 'Foreign Minister of North Korea'],
      ['Sergey Lavrov', 'Foreign Minister of Russia'],
    ]);
    expect(refs(meeting)).toEqual([26]);
    const pledge = await findStatement('final victory', day('2024-11-01'));
    expect([pledge.speaker?.name, pledge.isQuote, pledge.event?.title, refs(pledge)]).toEqual(['Choe Son-hui', false, meeting.title, [26]]);
  });

  it('according to Choe, Kim Jong Un ordered unconditional support in a "holy war" from the start (paraphrase, ref 27)', async () => {
    const statement = await findStatement('holy war', day('2024-11-01'));
    expect([statement.speaker?.name, statement.isQuote, refs(statement)]).toEqual(['Choe Son-hui', false, [27]]);
  });

  it('Choe Son-hui then met Vladimir Putin in Moscow on 4 November 2024 (ref 28)', async () => {
    const event = await findEvent('Choe Putin', day('2024-11-04'));
    expect([event.type, event.location?.name, names(event.officials), refs(event)]).toEqual(['DIPLOMACY', 'Moscow', ['Choe Son-hui', 'Vladimir Putin'], [28]]);
  });

  it('on 6 November 2024 the Russian Federation Council approved a mutual defense agreement with North Korea (AGREEMENT, CONFIRMED, ref 29)', async () => {
    const event = await findEvent('Federation Council', day('2024-11-06'));
    expect([event.type, event.claimStatus, names(event.countries), refs(event)]).toEqual(['AGREEMENT', 'CONFIRMED', ['North Korea', 'Russia'], [29]]);
  });

  it('South Korean intelligence alleged a monthly salary of around $2,000 per soldier (ref 30)', async () => {
    const statement = await findStatement('monthly salary', month('2024-11'));
    expect([statement.organization?.acronym, statement.isQuote, refs(statement)]).toEqual(['NIS', false, [30]]);
    const deployment = await findEvent('12,000 troops', month('2024-10'), ['TROOP_DEPLOYMENT']);
    expect(figure(deployment, 'salary')).toEqual({ unit: 'USD', best: 2000, low: null, high: null });
  });

  it("Ahn Chang Il, a former lieutenant in the North Korean army, said soldiers were promised incentives such as joining the Workers' Party of Korea (ref 31)", async () => {
    const ahn = await findOfficial('Ahn Chang Il');
    expect(ahn.role).toBe('Former lieutenant in the North Korean army');
    const statement = await findStatement("Workers' Party", month('2024-11'));
    expect([statement.speaker?.name, statement.isQuote, refs(statement)]).toEqual(['Ahn Chang Il', false, [31]]);
  });
});

describe('Kursk offensive', () => {
  it('per the New York Times of 5 November 2024, Ukrainian and North Korean troops clashed for the first time in the Kursk region (COMBAT, REPORTED, ref 32)', async () => {
    const event = await findEvent('first clashes Kursk', day('2024-11-05'), ['COMBAT']);
    expect([event.claimStatus, event.location?.name]).toEqual(['REPORTED', 'Kursk Oblast']);
    expect(names(event.countries)).toEqual(['North Korea', 'Russia', 'Ukraine']);
    expect(refs(event)).toEqual([32]);
    const zelenskyy = await findStatement('new dimension of global instability', day('2024-11-05'));
    expect([zelenskyy.speaker?.name, zelenskyy.isQuote, zelenskyy.event?.title]).toEqual(['Volodymyr Zelenskyy', false, event.title]);
  });

  it('Defense Minister Rustem Umierov told KBS of the first skirmishes, with fighters disguised as Buryats (COMBAT, ALLEGED, ref 33)', async () => {
    const event = await findEvent('Umierov skirmishes', day('2024-11-06'), ['COMBAT']);
    expect(event.claimStatus).toBe('ALLEGED');
    expect(event.officials).toEqual([{ name: 'Rustem Umierov', role: 'Defense Minister of Ukraine' }]);
    expect(event.summary).toContain('KBS');
    expect(event.statements).toHaveLength(3);
    expect(refs(event)).toEqual([33]);
  });

  it('on 11 January 2025 Ukraine captured two wounded North Korean soldiers in the Kursk region, and NIS confirmed their origin (CAPTURE, CONFIRMED, ref 34)', async () => {
    const event = await findEvent('captures', day('2025-01-11'), ['CAPTURE']);
    expect([event.claimStatus, event.location?.name, figure(event, 'captured'), refs(event)]).toEqual([
      'CONFIRMED',
      'Kursk Oblast',
      { unit: 'soldiers', best: 2, low: null, high: null },
      [34],
    ]);
    const confirmation = await findStatement('prisoners origin', month('2025-01'));
    expect([confirmation.organization?.acronym, confirmation.event?.title, refs(confirmation)]).toEqual(['NIS', event.title, [34]]);
  });

  it('casualty report: NIS says North Korea had 300 killed and almost 2,700 wounded by January 2025 (MONTH, ALLEGED, ref 35)', async () => {
    const report = theOnly(
      (await northKoreanLosses(month('2025-01'))).filter((r) => r.killed !== null),
      'report of North Korean dead in January 2025',
      (r) => r.asOf,
    );
    expect(report).toMatchObject({ asOf: '2025-01-01', datePrecision: 'MONTH', claimStatus: 'ALLEGED', killed: 300, wounded: 2700, captured: null, country: { name: 'North Korea' } });
    expect(report.reportedBy).toEqual({ name: 'National Intelligence Service', acronym: 'NIS', country: { name: 'South Korea' } });
    expect(refs(report)).toEqual([35]);
  });

  it('casualty report: 2 North Korean soldiers captured, as of 11 January 2025, reported by Ukraine (DAY, CONFIRMED, ref 34)', async () => {
    const report = theOnly(
      (await northKoreanLosses(day('2025-01-11'))).filter((r) => r.captured !== null),
      'report of captured North Koreans on 2025-01-11',
      (r) => r.asOf,
    );
    expect(report).toMatchObject({ datePrecision: 'DAY', claimStatus: 'CONFIRMED', captured: 2, killed: null, wounded: null, reportedBy: null, reportedByCountry: { name: 'Ukraine' } });
    expect(report.event?.type).toBe('CAPTURE');
    expect(refs(report)).toEqual([34]);
  });
});

describe('International reactions', () => {
  describe('Ukraine', () => {
    it('Zelenskyy, citing US intelligence, said North Korea supplied three million artillery shells and missiles (paraphrase, ref 36)', async () => {
      const statement = await findStatement('three million', day('2024-11-01'));
      expect(statement.speaker).toMatchObject({ name: 'Volodymyr Zelenskyy', role: 'President of Ukraine', country: { name: 'Ukraine' } });
      expect([statement.isQuote, statement.event?.title, refs(statement)]).toEqual([false, 'North Korea supplies Russia with artillery ammunition', [36]]);
      const deliveries = await findEvent('artillery ammunition', year('2022'), ['ARMS_TRANSFER']);
      expect(figure(deliveries, 'US intelligence')).toEqual({ unit: 'shells', best: 3_000_000, low: null, high: null });
    });

    it('Zelenskyy also said Putin avoids mobilization and Russia wants North Korean labor for construction and military factories (ref 36)', async () => {
      const zelenskyy = await findOfficial('Volodymyr Zelenskyy');
      const onFirstNovember = await findStatements({ speakerIds: [zelenskyy.id], ...day('2024-11-01') });
      const texts = onFirstNovember.map((s) => s.text);
      expect(texts).toEqual(expect.arrayContaining([expect.stringContaining('large-scale mobilization'), expect.stringContaining('military factories'), expect.stringContaining('"terrorist"')]));
      for (const statement of onFirstNovember) expect([statement.isQuote, refs(statement)]).toEqual([false, [36]]);
    });

    it("Ukraine's UN representative Serhiy Kyslytsia warned the Security Council of a serious threat to Europe and the Korean Peninsula (ref 37)", async () => {
      const statement = await findStatement('Korean Peninsula', month('2024-10'));
      expect(statement.speaker).toMatchObject({ name: 'Serhiy Kyslytsia', role: "Ukraine's representative to the United Nations" });
      expect([statement.isQuote, refs(statement)]).toEqual([false, [37]]);
    });
  });

  describe('Russia', () => {
    it('Russia rejected the accusations as "fake news" (paraphrase on behalf of Russia, refs 38 and 39)', async () => {
      const statement = await findStatement('fake news', month('2024-10'));
      expect([statement.country?.name, statement.isQuote, refs(statement)]).toEqual(['Russia', false, [38, 39]]);
    });

    it('Putin, at a press conference after the BRICS summit in Kazan on 24 October 2024: "The images are serious. If there are images, then they reflect something." (verbatim, refs 38 and 39)', async () => {
      const quote = await findStatement('images are serious', day('2024-10-24'));
      expect(quote.text).toBe('The images are serious. If there are images, then they reflect something.');
      expect([quote.isQuote, quote.speaker?.name, quote.speaker?.role]).toEqual([true, 'Vladimir Putin', 'President of Russia']);
      expect(refs(quote)).toEqual([38, 39]);
      const pressConference = await findEvent('BRICS Kazan', day('2024-10-24'));
      expect([pressConference.location?.name, pressConference.location?.country?.name, quote.event?.title]).toEqual(['Kazan', 'Russia', pressConference.title]);
    });

    it('Putin blamed the escalation on the US-backed "coup" (Euromaidan) of 2014 (paraphrase, not a quote)', async () => {
      const statement = await findStatement('Euromaidan', day('2024-10-24'));
      expect([statement.speaker?.name, statement.isQuote, refs(statement)]).toEqual(['Vladimir Putin', false, [38, 39]]);
    });
  });

  describe('United States', () => {
    it('US defense secretary Lloyd Austin expressed concern about the deployment (paraphrase, ref 40)', async () => {
      const statement = await findStatement('Austin concern', month('2024-11'));
      expect(statement.speaker).toMatchObject({ name: 'Lloyd Austin', role: 'US Secretary of Defense', country: { name: 'United States' } });
      expect([statement.isQuote, refs(statement)]).toEqual([false, [40]]);
    });

    it('Antony Blinken warned of a "tough response" at a joint appearance with the NATO Secretary General in Brussels (ref 40)', async () => {
      const event = await findEvent('tough response Brussels', month('2024-11'));
      expect([event.type, event.claimStatus, event.location?.name]).toEqual(['DIPLOMACY', 'CONFIRMED', 'Brussels']);
      expect(event.officials.map((o) => [o.name, o.role]).sort()).toEqual([
        ['Antony Blinken', 'US Secretary of State'],
        ['Mark Rutte', 'Secretary General of NATO'],
      ]);
      expect(refs(event)).toEqual([40]);
      const statement = await findStatement('tough response', month('2024-11'));
      expect([statement.speaker?.name, statement.isQuote, refs(statement)]).toEqual(['Antony Blinken', false, [40]]);
    });

    it('the United States announced decisive action in response (on behalf of the United States, ref 40)', async () => {
      const statement = await findStatement('decisive action', day('2024-11-13'));
      expect([statement.country?.name, statement.speaker, refs(statement)]).toEqual(['United States', null, [40]]);
    });
  });

  describe('NATO', () => {
    it('Mark Rutte warned of geopolitical risks from closer North Korea–Russia military cooperation (paraphrase, ref 41)', async () => {
      const statement = await findStatement('geopolitical risks', month('2024-10'));
      expect(statement.speaker).toMatchObject({ name: 'Mark Rutte', role: 'Secretary General of NATO', country: null, organization: { name: 'North Atlantic Treaty Organization', acronym: 'NATO' } });
      expect([statement.isQuote, refs(statement)]).toEqual([false, [41]]);
    });

    it('on 28 October 2024 Rutte called the troops in Kursk a "significant escalation" endangering the Indo-Pacific and Euro-Atlantic (CONFIRMED, refs 42 and 43)', async () => {
      const event = await findEvent('significant escalation', day('2024-10-28'));
      expect([event.type, event.claimStatus, names(event.officials), refs(event)]).toEqual(['DIPLOMACY', 'CONFIRMED', ['Mark Rutte'], [42, 43]]);
      const texts = event.statements.map((s) => s.text).join(' ');
      expect(texts).toContain('"significant escalation"');
      expect(texts).toContain('Indo-Pacific and the Euro-Atlantic');
      expect(event.statements.every((s) => !s.isQuote)).toBe(true);
    });
  });

  describe('United Nations', () => {
    it('UN Secretary-General António Guterres warned of a possible internationalization of the war (ref 44)', async () => {
      const statement = await findStatement('internationalization', month('2024-11'));
      expect(statement.speaker).toMatchObject({ name: 'António Guterres', role: 'Secretary-General of the United Nations', organization: { name: 'United Nations', acronym: 'UN' } });
      expect([statement.isQuote, refs(statement)]).toEqual([false, [44]]);
    });
  });

  describe('Germany', () => {
    it("Annalena Baerbock, in Kyiv on 4 November 2024, said North Korea's help significantly exacerbates the situation (ref 45)", async () => {
      const visit = await findEvent('Baerbock Kyiv', day('2024-11-04'));
      expect([visit.location?.name, visit.location?.country?.name, names(visit.countries), refs(visit)]).toEqual(['Kyiv', 'Ukraine', ['Germany', 'Ukraine'], [45]]);
      const statement = await findStatement('exacerbating war of attrition', day('2024-11-04'));
      expect(statement.speaker).toMatchObject({ name: 'Annalena Baerbock', role: 'Foreign Minister of Germany', country: { name: 'Germany' } });
      expect([statement.isQuote, statement.event?.title, refs(statement)]).toEqual([false, visit.title, [45]]);
    });
  });

  describe('South Korea', () => {
    it('on 7 November 2024 President Yoon Suk Yeol suggested South Korea could provide weapons to Ukraine (ref 46)', async () => {
      const event = await findEvent('Yoon weapons', day('2024-11-07'));
      expect(event.officials).toEqual([{ name: 'Yoon Suk Yeol', role: 'President of South Korea' }]);
      expect([event.type, names(event.countries), refs(event)]).toEqual(['DIPLOMACY', ['South Korea', 'Ukraine'], [46]]);
    });

    it('the South Korean public was widely opposed to direct arms supplies to Ukraine (OTHER, REPORTED, ref 47)', async () => {
      const event = await findEvent('public opposes arms', month('2024-11'));
      expect([event.type, event.claimStatus, refs(event)]).toEqual(['OTHER', 'REPORTED', [47]]);
    });
  });
});

describe('Photo captions (cite the article itself)', () => {
  it('Kim Jong Un met Vladimir Putin in June 2024 (MONTH precision)', async () => {
    const event = await findEvent('Kim Putin', month('2024-06'));
    expect(when(event)).toEqual({ date: '2024-06-01', datePrecision: 'MONTH' });
    expect(event.officials.map((o) => [o.name, o.role]).sort()).toEqual([
      ['Kim Jong Un', 'Leader of North Korea'],
      ['Vladimir Putin', 'President of Russia'],
    ]);
    expect(refs(event)).toEqual(['article']);
  });

  it('Russian Defense Minister Andrey Belousov met North Korean Defense Minister No Kwang-chol on 29 November 2024', async () => {
    const event = await findEvent('Belousov', day('2024-11-29'));
    expect(event.officials.map((o) => [o.name, o.role]).sort()).toEqual([
      ['Andrey Belousov', 'Defense Minister of Russia'],
      ['No Kwang-chol', 'Defense Minister of North Korea'],
    ]);
    expect(refs(event)).toEqual(['article']);
  });

  it('the long-range M-1989 Koksan howitzer was reportedly supplied to Russia to bolster its artillery', async () => {
    const event = await findEvent('Koksan', month('2024-11'), ['ARMS_TRANSFER']);
    expect(event.summary).toContain('bolster Russian artillery');
    expect(refs(event)).toContain('article');
  });

  it('North Korean soldiers were deployed in the Kursk Oblast region', async () => {
    const event = await findEvent('arrive Kursk', day('2024-10-25'));
    expect(event.location?.name).toBe('Kursk Oblast');
    expect(refs(event)).toContain('article');
  });
});

describe('References', () => {
  it('all 47 numbered references and then the article itself are Sources, in the order and with the titles the article gives', async () => {
    const sources = await all<SourceNode>('sources', 'id title');
    expect(sources.map((source) => [refBySourceId.get(source.id), source.title])).toEqual(REFERENCES.map(([ref, title]) => [ref, title]));
  });

  it('each reference has the publisher, author, publication and retrieval dates the article gives', async () => {
    const sources = await all<SourceNode>('sources', 'id title publisher author publishedOn retrievedOn');
    expect(sources.map((s) => [refBySourceId.get(s.id), s.publisher, s.author, s.publishedOn, s.retrievedOn])).toEqual(
      REFERENCES.map(([ref, , publisher, author, publishedOn, retrievedOn]) => [ref, publisher, author, publishedOn, retrievedOn]),
    );
  });

  it('every event, statement and casualty report cites at least one source', async () => {
    const unsourced = [
      ...(await all<EventNode>('events', `title ${SOURCES}`)).filter((e) => e.sources.length === 0).map((e) => `event: ${e.title}`),
      ...(await all<StatementNode>('statements', `text ${SOURCES}`)).filter((s) => s.sources.length === 0).map((s) => `statement: ${s.text}`),
      ...(await all<CasualtyNode>('casualties', `asOf country { name } ${SOURCES}`)).filter((c) => c.sources.length === 0).map((c) => `casualties: ${c.country.name} ${c.asOf}`),
    ];
    expect(unsourced).toEqual([]);
  });
});
