import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, JoinColumn, JoinTable, ManyToMany, ManyToOne } from 'typeorm';
import { Country } from '../countries/country.entity';
import { Event } from '../events/event.entity';
import { Node } from '../facts/node';
import { Official } from '../officials/official.entity';
import { Organization } from '../organizations/organization.entity';
import { connectionType } from '../relay/connection';
import { Source } from '../sources/source.entity';
import { DatePrecision } from '../values/enums';
import { DateScalar } from '../values/scalars';

@ObjectType({ implements: Node, description: 'Something said, quoted or paraphrased, by an official or on behalf of a country or organization.' })
@Entity('statements')
export class Statement extends Node {
  @Field()
  @Column({ type: 'text' })
  text: string;

  @Field({ description: 'True when text is a verbatim quote, false when it is a paraphrase.' })
  @Column({ type: 'boolean' })
  isQuote: boolean;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  date: string;

  @Field(() => DatePrecision)
  @Column({ type: 'varchar' })
  datePrecision: DatePrecision;

  @Column({ type: 'integer', nullable: true })
  speakerId: number | null;

  @Column({ type: 'integer', nullable: true })
  countryId: number | null;

  @Column({ type: 'integer', nullable: true })
  organizationId: number | null;

  @Column({ type: 'integer', nullable: true })
  eventId: number | null;

  /** The relations, declared for the write path, revisions, filters and loaders; never loaded with the row. */
  @ManyToOne(() => Official, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'speakerId' })
  speaker?: Official;

  @ManyToOne(() => Country, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'countryId' })
  country?: Country;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organizationId' })
  organization?: Organization;

  @ManyToOne(() => Event, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'eventId' })
  event?: Event;

  @ManyToMany(() => Source)
  @JoinTable({ name: 'statement_sources', joinColumn: { name: 'statementId' }, inverseJoinColumn: { name: 'sourceId' } })
  sources?: Source[];
}

export const StatementConnection = connectionType('Statement', Statement);
