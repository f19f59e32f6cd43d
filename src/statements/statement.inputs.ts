import { Field, ID, InputType } from 'type-graphql';
import { DatePrecision } from '../values/enums';
import { List, OneOf, Text, WhenGiven, WhenPresent } from '../values/validation';
import { DateScalar } from '../values/scalars';

@InputType()
export class StatementFilter {
  @Field(() => [ID], { nullable: true })
  speakerIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  countryIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  organizationIds?: string[] | null;

  @Field(() => DateScalar, { nullable: true, description: 'Inclusive lower bound on Statement.date.' })
  from?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'Inclusive upper bound on Statement.date.' })
  to?: Date | null;

  @Field(() => String, { nullable: true, description: 'Free text, matched against the statement text.' })
  search?: string | null;
}

@InputType()
class StatementFields {
  @Field({ nullable: true, description: 'True for a verbatim quote; false (the default) for a paraphrase.' })
  isQuote?: boolean;

  @Field(() => DatePrecision, { nullable: true, description: 'DAY when left out on create.' })
  @WhenPresent()
  @OneOf(DatePrecision)
  datePrecision?: DatePrecision | null;

  @Field(() => ID, { nullable: true })
  speakerId?: string | null;

  @Field(() => ID, { nullable: true })
  countryId?: string | null;

  @Field(() => ID, { nullable: true })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true })
  eventId?: string | null;

  @Field(() => [ID], { nullable: true })
  @WhenPresent()
  @List()
  sourceIds?: string[] | null;
}

@InputType()
export class CreateStatementInput extends StatementFields {
  @Field()
  @Text(10000)
  text: string;

  @Field(() => DateScalar)
  date: Date;
}

@InputType()
export class UpdateStatementInput extends StatementFields {
  @Field(() => String, { nullable: true })
  @WhenGiven()
  @Text(10000)
  text?: string;

  @Field(() => DateScalar, { nullable: true })
  date?: Date;
}
