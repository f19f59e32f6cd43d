import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../common/connection';
import type { Context } from '../context';
import { writeMutations } from '../revisions/write-mutations';
import { Source, SourceConnection } from './source.entity';
import { CreateSourceInput, SourceFilter, UpdateSourceInput } from './source.inputs';

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => SourceConnection, { description: "Sources in the order they were added: the article's references first, by number." })
  sources(@Arg('filter', () => SourceFilter, { nullable: true }) filter: SourceFilter | null, @Args(() => PageArgs) page: PageArgs, @Ctx() { services }: Context) {
    return services.sources.list(filter, page);
  }
}

export const SourceWriteMutations = writeMutations('Source', Source, CreateSourceInput, UpdateSourceInput, (services) => services.sources);
