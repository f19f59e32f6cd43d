import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { connectionType } from '../common/connection';
import { Node } from '../node/node.interface';

@ObjectType({ implements: Node, description: 'A body that is not a state: an alliance, an intelligence service, a ministry, a think tank.' })
@Entity('organizations')
export class Organization extends Node {
  @Field()
  @Column({ type: 'varchar' })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', nullable: true })
  acronym: string | null;

  @Column({ type: 'integer', nullable: true })
  countryId: number | null;
}

export const OrganizationConnection = connectionType('Organization', Organization);
