import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { DateScalar } from '../values/scalars';
import { connectionType } from '../relay/connection';
import { Node } from '../facts/node';

@ObjectType({ implements: Node, description: "A publication that a fact is taken from (one of the article's references, or any later one)." })
@Entity('sources')
export class Source extends Node {
  @Field()
  @Column({ type: 'text' })
  title: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', nullable: true })
  publisher: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', nullable: true })
  author: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  url: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 639-1 code of the language the source is written in.' })
  @Column({ type: 'varchar', nullable: true })
  language: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  publishedOn: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  retrievedOn: string | null;
}

export const SourceConnection = connectionType('Source', Source);
