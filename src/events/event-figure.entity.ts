import { Field, Float, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A number the sources give for an event, UCDP style: `best` is the single best estimate,
 * `low`/`high` bound it where the source gives a range or says "up to", "almost", "at least".
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
}
