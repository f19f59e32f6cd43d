import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from './context';
import { Node } from './node';
import { NodeService } from './node.service';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Fetches any object by its global ID.' })
  node(@Arg('id', () => ID) id: string, @Ctx() { services }: Context): Promise<Node | null> {
    return services.get(NodeService).byGlobalId(id);
  }

  @Query(() => [Node], { nullable: 'items', description: 'Fetches objects by their global IDs, null where an ID names nothing.' })
  nodes(@Arg('ids', () => [ID]) ids: string[], @Ctx() { services }: Context): Promise<(Node | null | Error)[]> {
    return services.get(NodeService).byGlobalIds(ids);
  }
}
