import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { hasRole } from '../auth/roles';
import type { Context } from '../facts/context';
import { Node, type NodeClass } from '../facts/node';
import { Revision, RevisionConnection } from '../facts/revision.entity';
import { ForwardPageArgs } from '../relay/connection';
import { RevisionService } from './revision.service';

@Resolver()
export class RevisionResolver {
  @Query(() => RevisionConnection, {
    description: 'Everything that changed at or after `since`, deletions included, in commit order: the feed a client that was away catches up from.',
  })
  changes(@Arg('since', () => Date) since: Date, @Args(() => ForwardPageArgs) page: ForwardPageArgs, @Ctx() { services }: Context) {
    return services.get(RevisionService).changes(since, page);
  }

  @Authorized('admin')
  @Mutation(() => Node, { description: 'Brings back a deleted fact (admin only).' })
  restore(@Arg('id', () => ID) id: string, @Ctx() { services }: Context): Promise<Node> {
    return services.get(RevisionService).restore(id);
  }
}

@Resolver(() => Revision)
export class RevisionActorResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Who made the change. Editors and admins see the name of the API token; everyone else sees the display name chosen when the token was made (or its role). "seed" for the facts the seed data added.',
  })
  // What it shows depends on the caller's role alone: subscribers in one audience (audienceOf) share its answer.
  async actor(@Root() revision: Revision, @Ctx() { authenticate }: Context): Promise<string | null> {
    const authentication = await authenticate();
    return authentication.status === 'valid' && hasRole(authentication.actor.role, 'editor') ? revision.actor : revision.actorDisplayName;
  }
}

/** `revisions` on a kind of fact: its history, oldest first. */
export function revisionsResolver(entity: NodeClass) {
  @Resolver(() => entity)
  class RevisionsFieldResolver {
    @FieldResolver(() => RevisionConnection, { description: 'Every recorded change of this fact, oldest first.' })
    revisions(@Root() fact: Node, @Args(() => ForwardPageArgs) page: ForwardPageArgs, @Ctx() { services }: Context) {
      return services.get(RevisionService).ofFact(entity.name, fact.id, page);
    }
  }
  return RevisionsFieldResolver;
}
