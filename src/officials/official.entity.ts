import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { Country } from '../countries/country.entity';
import { Node } from '../facts/node';
import { Organization } from '../organizations/organization.entity';
import { connectionType } from '../relay/connection';

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

  /** The relations behind the ids, declared for the write path, filters and loaders; never loaded with the row. */
  @ManyToOne(() => Country, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'countryId' })
  country?: Country;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organizationId' })
  organization?: Organization;
}

export const OfficialConnection = connectionType('Official', Official);
