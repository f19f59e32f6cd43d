import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { connectionType } from '../relay/connection';
import { Node } from '../facts/node';

@ObjectType({ implements: Node, description: "A sovereign state, or a self-proclaimed entity such as the Donetsk People's Republic." })
@Entity('countries')
export class Country extends Node {
  @Field()
  @Column({ type: 'varchar' })
  name: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-3 code (PRK, RUS, UKR, ...); null for entities that have none.' })
  @Column({ type: 'varchar', nullable: true, unique: true })
  isoCode: string | null;
}

export const CountryConnection = connectionType('Country', Country);
