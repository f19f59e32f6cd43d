import { checkPeriod, insertRow, notNull, optionalDay, optionalText, updateColumns } from '../facts/columns';
import { Service } from '../facts/services';
import { Page, PageRequest } from '../relay/connection';
import { idKey, Ordering, paginate } from '../relay/keyset';
import { whereMatches } from '../search/full-text';
import { Source } from './source.entity';
import { CreateSourceInput, SourceFilter, UpdateSourceInput } from './source.inputs';

/** Sources keep the order they were added in: the article's references come first, numbered. */
const BY_ID: Ordering = { name: 'sources:id', keys: [idKey('"source"."id"')], direction: 'ASC' };

export class SourceService extends Service {
  list(filter: SourceFilter | null | undefined, page: PageRequest): Promise<Page<Source>> {
    const query = this.dataSource.getRepository(Source).createQueryBuilder('source');
    whereMatches(query, this.kinds.searchCode(Source), '"source"."id"', filter?.search);
    return paginate(query, BY_ID, page, this.loaders.pageOf(Source), this.knownTotal(Source, filter));
  }

  create(input: CreateSourceInput): Promise<Source> {
    return this.writer.create(Source, async (manager) => {
      const values = sourceColumns(input);
      checkRetrievedAfterPublished(values.publishedOn ?? null, values.retrievedOn ?? null);
      return insertRow(manager, Source, { ...values, title: input.title.trim() });
    });
  }

  update(id: string, input: UpdateSourceInput): Promise<Source> {
    return this.writer.update(Source, id, async (manager, source) => {
      const values = sourceColumns(input);
      checkRetrievedAfterPublished(values.publishedOn === undefined ? source.publishedOn : values.publishedOn, values.retrievedOn === undefined ? source.retrievedOn : values.retrievedOn);
      await updateColumns(manager, Source, source.id, { ...values, title: notNull(input.title, 'title')?.trim() });
    });
  }

  remove(id: string): Promise<string> {
    return this.writer.remove(Source, id);
  }
}

function sourceColumns(input: CreateSourceInput | UpdateSourceInput): Partial<Source> {
  return {
    publisher: optionalText(input.publisher),
    author: optionalText(input.author),
    url: optionalText(input.url),
    language: input.language,
    publishedOn: optionalDay(input.publishedOn),
    retrievedOn: optionalDay(input.retrievedOn),
  };
}

function checkRetrievedAfterPublished(publishedOn: string | null, retrievedOn: string | null): void {
  if (publishedOn !== null) checkPeriod(publishedOn, retrievedOn, 'publishedOn', 'retrievedOn');
}
