import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { DatePrecision } from '../common/enums';
import { DateScalar } from '../common/scalars';
import { connectionType } from '../common/connection';
import { Node } from '../node/node.interface';

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
}

export const StatementConnection = connectionType('Statement', Statement);
