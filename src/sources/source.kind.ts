import { defineKind } from '../facts/fact-kind';
import { parseOptionalDay } from '../values/scalars';
import { inputOf } from '../values/validation';
import { Source } from './source.entity';
import { CreateSourceInput } from './source.inputs';
import { SourceResolver, SourceWriteMutations } from './source.resolver';
import { SourceService } from './source.service';
import entries from './seed.json';

export interface SeedSource {
  key: string;
  title: string;
  publisher: string | null;
  author: string | null;
  url: string | null;
  language: string | null;
  publishedOn: string | null;
  retrievedOn: string | null;
}

export const sourceKind = defineKind({
  entity: Source,
  service: SourceService,
  resolvers: [SourceResolver, SourceWriteMutations],
  searchCode: 7,
  seed: {
    entries: entries as SeedSource[],
    input: (entry: SeedSource) =>
      inputOf(CreateSourceInput, {
        title: entry.title,
        publisher: entry.publisher,
        author: entry.author,
        url: entry.url,
        language: entry.language,
        publishedOn: parseOptionalDay(entry.publishedOn),
        retrievedOn: parseOptionalDay(entry.retrievedOn),
      }),
  },
});
