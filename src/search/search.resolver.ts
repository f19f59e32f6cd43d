import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { ForwardPageArgs } from '../common/connection';
import type { Context } from '../context';
import { SearchResultConnection } from './search-result';

@Resolver()
export class SearchResolver {
  @Query(() => SearchResultConnection, {
    description: 'Ranked full-text search over events, statements, officials, countries, organizations and sources. Every word must match (as a prefix); punctuation is ignored.',
  })
  search(@Arg('query', () => String) query: string, @Args(() => ForwardPageArgs) page: ForwardPageArgs, @Ctx() { services }: Context) {
    return services.search.search(query, page);
  }
}
