import { Field, ID, InterfaceType } from 'type-graphql';
import { Column, CreateDateColumn, DeleteDateColumn, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../relay/global-id';

/**
 * Relay's Node, and the columns every stored fact shares. Entity classes are named as their
 * GraphQL types, which is the type written into their global IDs.
 */
@InterfaceType('Node', { description: 'An object with a globally unique, opaque ID (Relay Global Object Identification).' })
export abstract class Node {
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => ID, { name: 'id', description: 'Opaque global ID; pass it to node(id:).' })
  get globalId(): string {
    return toGlobalId(this.constructor.name, this.id);
  }

  /** The entry's key in the seed files; null for facts added later. */
  @Column({ type: 'varchar', nullable: true, unique: true })
  seedKey: string | null;

  @CreateDateColumn()
  createdAt: Date;

  /** Set when an editor deletes the fact: it leaves every query, its revisions stay, an admin can restore it. */
  @DeleteDateColumn()
  deletedAt: Date | null;
}

/** A kind of fact: an entity class that extends Node. */
export type NodeClass<E extends Node = Node> = new () => E;
