import { BadUserInputError } from '../errors/errors';
import { MAX_LIST_LENGTH } from '../values/validation';
import type { Node, NodeClass } from './node';
import { Service } from './services';

export class NodeService extends Service {
  /** The node a global ID names, or null if there is none; a malformed ID is a BAD_USER_INPUT error. */
  async byGlobalId(globalId: string, argumentName = 'id'): Promise<Node | null> {
    const { entity, id } = this.kinds.decode(globalId, argumentName);
    return this.loaders.byId<Node>(entity).load(id);
  }

  byId<E extends Node>(entity: NodeClass<E>, id: number): Promise<E | null> {
    return this.loaders.byId<E>(entity).load(id);
  }

  /** One entry per ID, in order: the node, null, or the error for a malformed ID (reported at its index). */
  byGlobalIds(globalIds: readonly string[]): Promise<(Node | null | Error)[]> {
    if (globalIds.length > MAX_LIST_LENGTH) throw new BadUserInputError(`ids may hold at most ${MAX_LIST_LENGTH} IDs, got ${globalIds.length}`, 'ids');
    return Promise.all(globalIds.map((globalId) => this.byGlobalId(globalId, 'ids').catch((error: Error) => error)));
  }
}
