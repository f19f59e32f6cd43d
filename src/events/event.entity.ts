import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { ClaimStatus, DatePrecision, EventType } from '../common/enums';
import { DateScalar } from '../common/scalars';
import { connectionType } from '../common/connection';
import { Node } from '../node/node.interface';

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
}

export const EventConnection = connectionType('Event', Event);
