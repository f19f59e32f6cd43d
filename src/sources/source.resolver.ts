import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../facts/context';
import { writeMutations } from '../facts/write-mutations';
import { PageArgs } from '../relay/connection';
import { Source, SourceConnection } from './source.entity';
import { CreateSourceInput, SourceFilter, UpdateSourceInput } from './source.inputs';
import { SourceService } from './source.service';

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => SourceConnection, { description: "Sources in the order they were added: the article's references first, by number." })
  sources(@Arg('filter', () => SourceFilter, { nullable: true }) filter: SourceFilter | null, @Args(() => PageArgs) page: PageArgs, @Ctx() { services }: Context) {
    return services.get(SourceService).list(filter, page);
  }
}

export const SourceWriteMutations = writeMutations(Source, CreateSourceInput, UpdateSourceInput, SourceService);
