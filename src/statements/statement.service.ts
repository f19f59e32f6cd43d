import { DataSource, EntityManager } from 'typeorm';
import { Page, PageRequest } from '../common/connection';
import { whereDateBetween, whereIdsIn } from '../common/filters';
import { dateKey, idKey, Ordering, paginate } from '../common/keyset';
import { Loaders } from '../db/loaders';
import { whereMatches } from '../search/full-text';
import { Source } from '../sources/source.entity';
import { Statement } from './statement.entity';
import { DatePrecision } from '../common/enums';
import { toIsoDay } from '../common/scalars';
import { STATEMENT_SOURCES } from '../revisions/fact-kinds';
import { FactWriter } from '../revisions/fact-writer';
import { insertRow, notNull, reference, references, replaceLinks, updateColumns } from '../revisions/write-helpers';
import { CreateStatementInput, StatementFilter, UpdateStatementInput } from './statement.inputs';

const BY_DATE: Ordering = { name: 'statements:date', keys: [dateKey('"statement"."date"'), idKey('"statement"."id"')], direction: 'ASC' };

export class StatementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loaders: Loaders,
    private readonly writer: FactWriter,
  ) {}

  private query() {
    return this.dataSource.getRepository(Statement).createQueryBuilder('statement');
  }

  private loadNodes = (ids: number[]) => this.loaders.byId(Statement).loadMany(ids);

  list(filter: StatementFilter | null | undefined, page: PageRequest): Promise<Page<Statement>> {
    const query = this.query();
    whereIdsIn(query, filter?.speakerIds, 'Official', 'filter.speakerIds', (ids) => `"statement"."speakerId" IN ${ids}`);
    whereIdsIn(query, filter?.countryIds, 'Country', 'filter.countryIds', (ids) => `"statement"."countryId" IN ${ids}`);
    whereIdsIn(query, filter?.organizationIds, 'Organization', 'filter.organizationIds', (ids) => `"statement"."organizationId" IN ${ids}`);
    whereDateBetween(query, '"statement"."date"', filter?.from, filter?.to);
    whereMatches(query, 'Statement', '"statement"."id"', filter?.search);
    return paginate(query, BY_DATE, page, this.loadNodes);
  }

  /** Statements made by an official (speakerId) or on behalf of a country (countryId), batched across parents. */
  of(parentColumn: 'speakerId' | 'countryId', parentId: number, request: PageRequest): Promise<Page<Statement>> {
    return this.loaders.nestedPage(parentId, {
      name: `statements:${parentColumn}`,
      query: () => this.query(),
      parentKey: `"statement"."${parentColumn}"`,
      ordering: BY_DATE,
      request,
      loadNodes: this.loadNodes,
    });
  }

  sources(statement: Statement): Promise<Source[]> {
    return this.loaders.linkedEntities('statement_sources', 'statementId', 'sourceId', Source, statement.id);
  }

  create(input: CreateStatementInput): Promise<Statement> {
    return this.writer.create('Statement', async (manager) => {
      const id = await insertRow(manager, Statement, {
        text: input.text.trim(),
        isQuote: input.isQuote ?? false,
        date: toIsoDay(input.date),
        datePrecision: input.datePrecision ?? DatePrecision.DAY,
        ...(await statementReferences(manager, input)),
      });
      await replaceLinks(manager, STATEMENT_SOURCES, id, await references(manager, input.sourceIds, 'Source', 'sourceIds'));
      return id;
    });
  }

  update(id: string, input: UpdateStatementInput): Promise<Statement> {
    return this.writer.update<Statement>('Statement', id, async (manager, statement) => {
      await updateColumns(manager, Statement, statement.id, {
        text: notNull(input.text, 'text')?.trim(),
        isQuote: notNull(input.isQuote, 'isQuote'),
        date: input.date ? toIsoDay(input.date) : notNull(input.date, 'date'),
        datePrecision: notNull(input.datePrecision, 'datePrecision'),
        ...(await statementReferences(manager, input)),
      });
      await replaceLinks(manager, STATEMENT_SOURCES, statement.id, await references(manager, input.sourceIds, 'Source', 'sourceIds'));
    });
  }

  remove(id: string): Promise<string> {
    return this.writer.remove('Statement', id);
  }
}

async function statementReferences(manager: EntityManager, input: CreateStatementInput | UpdateStatementInput): Promise<Partial<Statement>> {
  return {
    speakerId: await reference(manager, input.speakerId, 'Official', 'speakerId'),
    countryId: await reference(manager, input.countryId, 'Country', 'countryId'),
    organizationId: await reference(manager, input.organizationId, 'Organization', 'organizationId'),
    eventId: await reference(manager, input.eventId, 'Event', 'eventId'),
  };
}
