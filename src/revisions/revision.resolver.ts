import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ForwardPageArgs } from '../common/connection';
import { NodeTypeName } from '../common/global-id';
import type { Context } from '../context';
import { Node } from '../node/node.interface';
import { NODE_ENTITIES, type NodeEntity } from '../node/node-types';
import { hasRole } from '../auth/roles';
import { Revision, RevisionConnection } from './revision.entity';

@Resolver()
export class RevisionResolver {
  @Query(() => RevisionConnection, {
    description: 'Everything that changed at or after `since`, deletions included, in commit order: the feed a client that was away catches up from.',
  })
  changes(@Arg('since', () => Date) since: Date, @Args(() => ForwardPageArgs) page: ForwardPageArgs, @Ctx() { services }: Context) {
    return services.revisions.changes(since, page);
  }

  @Authorized('admin')
  @Mutation(() => Node, { description: 'Brings back a deleted fact (admin only).' })
  restore(@Arg('id', () => ID) id: string, @Ctx() { services }: Context): Promise<NodeEntity> {
    return services.writer.restore(id);
  }
}

@Resolver(() => Revision)
export class RevisionActorResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Who made the change. Editors and admins see the name of the API token; everyone else sees the display name chosen when the token was made (or its role). "seed" for the facts the seed data added.',
  })
  async actor(@Root() revision: Revision, @Ctx() { authenticate }: Context): Promise<string | null> {
    const authentication = await authenticate();
    return authentication.status === 'valid' && hasRole(authentication.actor.role, 'editor') ? revision.actor : revision.actorDisplayName;
  }
}

/** `revisions` on a node type: its history, oldest first. */
function revisionsOf(type: NodeTypeName) {
  @Resolver(() => NODE_ENTITIES[type])
  class RevisionsFieldResolver {
    @FieldResolver(() => RevisionConnection, { description: 'Every recorded change of this fact, oldest first.' })
    revisions(@Root() fact: NodeEntity, @Args(() => ForwardPageArgs) page: ForwardPageArgs, @Ctx() { services }: Context) {
      return services.revisions.ofFact(type, fact.id, page);
    }
  }
  return RevisionsFieldResolver;
}

export const REVISIONS_FIELD_RESOLVERS = (Object.keys(NODE_ENTITIES) as NodeTypeName[]).map(revisionsOf);
