import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { ClaimStatus, DatePrecision } from '../common/enums';
import { DateScalar } from '../common/scalars';
import { connectionType } from '../common/connection';
import { Node } from '../node/node.interface';

@ObjectType({ implements: Node, description: 'A count of losses on one side, as of a date, as reported by someone.' })
@Entity('casualty_reports')
export class CasualtyReport extends Node {
  @Column({ type: 'integer' })
  countryId: number;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'integer', nullable: true })
  killed: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'integer', nullable: true })
  wounded: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'integer', nullable: true })
  captured: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'integer', nullable: true })
  missing: number | null;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  asOf: string;

  @Field(() => DatePrecision)
  @Column({ type: 'varchar' })
  datePrecision: DatePrecision;

  @Field(() => ClaimStatus)
  @Column({ type: 'varchar' })
  claimStatus: ClaimStatus;

  @Column({ type: 'integer', nullable: true })
  reportedById: number | null;

  @Column({ type: 'integer', nullable: true })
  reportedByCountryId: number | null;

  @Column({ type: 'integer', nullable: true })
  eventId: number | null;
}

export const CasualtyReportConnection = connectionType('CasualtyReport', CasualtyReport);
