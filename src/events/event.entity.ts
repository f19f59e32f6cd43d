import { Field, Float, ObjectType } from 'type-graphql';
import { Column, Entity, JoinColumn, JoinTable, ManyToMany, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Country } from '../countries/country.entity';
import { Node } from '../facts/node';
import { Official } from '../officials/official.entity';
import { connectionType } from '../relay/connection';
import { Source } from '../sources/source.entity';
import { ClaimStatus, DatePrecision } from '../values/enums';
import { DateScalar } from '../values/scalars';
import { EventType } from './event-type';

@ObjectType({ implements: Node })
@Entity('events')
export class Event extends Node {
  @Field()
  @Column({ type: 'text' })
  title: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  date: string;

  @Field(() => DatePrecision)
  @Column({ type: 'varchar' })
  datePrecision: DatePrecision;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of an event that spans a period (deliveries from 2022 to 2024); null for a single day.' })
  @Column({ type: 'date', nullable: true })
  endDate: string | null;

  @Field(() => EventType)
  @Column({ type: 'varchar' })
  type: EventType;

  @Field(() => ClaimStatus)
  @Column({ type: 'varchar' })
  claimStatus: ClaimStatus;

  @Column({ type: 'varchar', nullable: true })
  locationName: string | null;

  @Column({ type: 'integer', nullable: true })
  locationCountryId: number | null;

  @Column({ type: 'double precision', nullable: true })
  locationLatitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  locationLongitude: number | null;

  @Field({ description: 'When the event was added to the knowledge base (not when it happened).' })
  createdAt: Date;

  /** The relations, declared for the write path, revisions, filters and loaders; never loaded with the row. */
  @ManyToOne(() => Country, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'locationCountryId' })
  locationCountry?: Country;

  @ManyToMany(() => Country)
  @JoinTable({ name: 'event_countries', joinColumn: { name: 'eventId' }, inverseJoinColumn: { name: 'countryId' } })
  countries?: Country[];

  @ManyToMany(() => Official)
  @JoinTable({ name: 'event_officials', joinColumn: { name: 'eventId' }, inverseJoinColumn: { name: 'officialId' } })
  officials?: Official[];

  @ManyToMany(() => Source)
  @JoinTable({ name: 'event_sources', joinColumn: { name: 'eventId' }, inverseJoinColumn: { name: 'sourceId' } })
  sources?: Source[];

  @OneToMany(() => EventFigure, (figure) => figure.event)
  figures?: EventFigure[];
}

/**
 * A number the sources give for an event, UCDP style: `best` is the single best estimate,
 * `low`/`high` bound it where the source gives a range or says "up to", "almost", "at least".
 * Part of its event: written and recorded in the event's revisions with it.
 */
@ObjectType({ description: 'A number given for an event: what is counted, a best estimate and, where the sources give a range or a limit, its bounds.' })
@Entity('event_figures')
export class EventFigure {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  eventId: number;

  @Field({ description: "What is counted, e.g. 'North Korean soldiers sent for military training'." })
  @Column({ type: 'text' })
  subject: string;

  @Field(() => String, { nullable: true, description: "Unit of the values: 'soldiers', 'shells', 'USD', 'percent', ..." })
  @Column({ type: 'varchar', nullable: true })
  unit: string | null;

  @Field(() => Float, { nullable: true, description: 'Best estimate; null when the sources give only a range.' })
  @Column({ type: 'double precision', nullable: true })
  best: number | null;

  @Field(() => Float, { nullable: true, description: 'Lower bound ("at least"), null when none is given.' })
  @Column({ type: 'double precision', nullable: true })
  low: number | null;

  @Field(() => Float, { nullable: true, description: 'Upper bound ("up to", "almost"), null when none is given.' })
  @Column({ type: 'double precision', nullable: true })
  high: number | null;

  @ManyToOne(() => Event, (event) => event.figures, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'eventId' })
  event?: Event;
}

export const EventConnection = connectionType('Event', Event);
