import { Args, Arg, createUnionType, Ctx, Query, Resolver } from 'type-graphql';
import { getMetadataArgsStorage } from 'typeorm';
import { inWords } from '../db/relations';
import type { Context } from '../facts/context';
import type { NodeClass } from '../facts/node';
import { connectionType, ForwardPageArgs } from '../relay/connection';
import { SearchService } from './search.service';

/** The kinds in words, by their tables: "sources, countries and events". */
function kindsInWords(entities: readonly NodeClass[]): string {
  const names = entities.map((entity) => inWords(getMetadataArgsStorage().tables.find((table) => table.target === entity)?.name ?? entity.name));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names.join('');
}

/** `search(query:)` over the kinds that are searchable, and the `SearchResult` union of them. */
export function searchResolver(searchable: readonly NodeClass[]) {
  const SearchResult = createUnionType({
    name: 'SearchResult',
    description: 'Everything a full-text search can find.',
    types: () => searchable as unknown as readonly [NodeClass, ...NodeClass[]],
  });
  const SearchResultConnection = connectionType('SearchResult', SearchResult);

  @Resolver()
  class SearchResolver {
    @Query(() => SearchResultConnection, {
      description: `Ranked full-text search over ${kindsInWords(searchable)}. Every word must match (as a prefix); punctuation is ignored.`,
    })
    search(@Arg('query', () => String) query: string, @Args(() => ForwardPageArgs) page: ForwardPageArgs, @Ctx() { services }: Context) {
      return services.get(SearchService).search(query, page);
    }
  }
  return SearchResolver;
}
