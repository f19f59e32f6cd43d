import { MAX_LIST_LENGTH } from '../common/filters';
import { fromGlobalId } from '../common/global-id';
import { BadUserInputError } from '../errors/errors';
import { Loaders } from '../db/loaders';
import { NODE_ENTITIES, NodeEntity } from './node-types';

export class NodeService {
  constructor(private readonly loaders: Loaders) {}

  /** The node a global ID names, or null if there is none; a malformed ID is a BAD_USER_INPUT error. */
  async byGlobalId(globalId: string, argumentName = 'id'): Promise<NodeEntity | null> {
    const { type, id } = fromGlobalId(globalId, argumentName);
    return this.loaders.byId<NodeEntity>(NODE_ENTITIES[type]).load(id);
  }

  byId<E extends NodeEntity>(entity: new () => E, id: number): Promise<E | null> {
    return this.loaders.byId<E>(entity).load(id);
  }

  /** One entry per ID, in order: the node, null, or the error for a malformed ID (reported at its index). */
  byGlobalIds(globalIds: readonly string[]): Promise<(NodeEntity | null | Error)[]> {
    if (globalIds.length > MAX_LIST_LENGTH) throw new BadUserInputError(`ids may hold at most ${MAX_LIST_LENGTH} IDs, got ${globalIds.length}`, 'ids');
    return Promise.all(globalIds.map((globalId) => this.byGlobalId(globalId, 'ids').catch((error: Error) => error)));
  }
}
