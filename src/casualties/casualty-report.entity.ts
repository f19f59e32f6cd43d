import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, JoinColumn, JoinTable, ManyToMany, ManyToOne } from 'typeorm';
import { Country } from '../countries/country.entity';
import { Event } from '../events/event.entity';
import { Node } from '../facts/node';
import { Organization } from '../organizations/organization.entity';
import { connectionType } from '../relay/connection';
import { Source } from '../sources/source.entity';
import { ClaimStatus, DatePrecision } from '../values/enums';
import { DateScalar } from '../values/scalars';

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

  /** The relations, declared for the write path, revisions, filters and loaders; never loaded with the row. */
  @ManyToOne(() => Country, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'countryId' })
  country?: Country;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reportedById' })
  reportedBy?: Organization;

  @ManyToOne(() => Country, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reportedByCountryId' })
  reportedByCountry?: Country;

  @ManyToOne(() => Event, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'eventId' })
  event?: Event;

  @ManyToMany(() => Source)
  @JoinTable({ name: 'casualty_report_sources', joinColumn: { name: 'casualtyReportId' }, inverseJoinColumn: { name: 'sourceId' } })
  sources?: Source[];
}

export const CasualtyReportConnection = connectionType('CasualtyReport', CasualtyReport);
