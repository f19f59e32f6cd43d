import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { Country } from '../countries/country.entity';
import { Node } from '../facts/node';
import { connectionType } from '../relay/connection';

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

  /** The relation behind countryId, declared for the write path, filters and loaders; never loaded with the row. */
  @ManyToOne(() => Country, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'countryId' })
  country?: Country;
}

export const OrganizationConnection = connectionType('Organization', Organization);
