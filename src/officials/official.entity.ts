import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { connectionType } from '../common/connection';
import { Node } from '../node/node.interface';

@ObjectType({ implements: Node, description: 'A person who acts or speaks in the conflict: a head of state, a minister, a commander, an analyst.' })
@Entity('officials')
export class Official extends Node {
  @Field()
  @Column({ type: 'varchar' })
  name: string;

  @Field(() => String, { nullable: true, description: "The position held at the time of the facts, e.g. 'Foreign Minister of North Korea'." })
  @Column({ type: 'varchar', nullable: true })
  role: string | null;

  @Column({ type: 'integer', nullable: true })
  countryId: number | null;

  @Column({ type: 'integer', nullable: true })
  organizationId: number | null;
}

export const OfficialConnection = connectionType('Official', Official);
