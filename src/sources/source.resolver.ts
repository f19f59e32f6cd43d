import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../common/connection';
import type { Context } from '../context';
import { Source, SourceConnection } from './source.entity';
import { CreateSourceInput, SourceFilter, UpdateSourceInput } from './source.inputs';

@Resolver(() => Source)
export class SourceResolver {
  @Authorized('editor')
  @Mutation(() => Source)
  createSource(@Arg('input', () => CreateSourceInput) input: CreateSourceInput, @Ctx() { services }: Context) {
    return services.sources.create(input);
  }

  @Authorized('editor')
  @Mutation(() => Source)
  updateSource(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateSourceInput) input: UpdateSourceInput, @Ctx() { services }: Context) {
    return services.sources.update(id, input);
  }

  @Authorized('editor')
  @Mutation(() => ID, { description: 'Deletes (tombstones) the Source; refused with CONFLICT while live facts refer to it. Returns its ID.' })
  deleteSource(@Arg('id', () => ID) id: string, @Ctx() { services }: Context) {
    return services.sources.remove(id);
  }

  @Query(() => SourceConnection, { description: "Sources in the order they were added: the article's references first, by number." })
  sources(@Arg('filter', () => SourceFilter, { nullable: true }) filter: SourceFilter | null, @Args(() => PageArgs) page: PageArgs, @Ctx() { services }: Context) {
    return services.sources.list(filter, page);
  }
}
