import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import type { Context } from './context';
import type { Node, NodeClass } from './node';
import type { ServiceClass } from './services';

/** What a kind's service offers for writing. */
export interface FactWrites<E, C, U> {
  create(input: C): Promise<E>;
  update(id: string, input: U): Promise<E>;
  remove(id: string): Promise<string>;
}

/** `create<Type>`, `update<Type>` and `delete<Type>` for one kind of fact: editors only, each a single service call. */
export function writeMutations<E extends Node, C extends object, U extends object>(entity: NodeClass<E>, createInput: ClassType<C>, updateInput: ClassType<U>, service: ServiceClass<FactWrites<E, C, U>>) {
  const type = entity.name;

  @Resolver(() => entity)
  class WriteMutations {
    @Authorized('editor')
    @Mutation(() => entity, { name: `create${type}` })
    create(@Arg('input', () => createInput) input: C, @Ctx() { services }: Context): Promise<E> {
      return services.get(service).create(input);
    }

    @Authorized('editor')
    @Mutation(() => entity, { name: `update${type}`, description: 'Fields left out stay as they are; null clears a field that may be null; a list given replaces the list.' })
    update(@Arg('id', () => ID) id: string, @Arg('input', () => updateInput) input: U, @Ctx() { services }: Context): Promise<E> {
      return services.get(service).update(id, input);
    }

    @Authorized('editor')
    @Mutation(() => ID, { name: `delete${type}`, description: `Deletes (tombstones) the ${type}; refused with CONFLICT while live facts refer to it. Returns its ID.` })
    remove(@Arg('id', () => ID) id: string, @Ctx() { services }: Context): Promise<string> {
      return services.get(service).remove(id);
    }
  }
  return WriteMutations;
}
