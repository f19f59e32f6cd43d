import { Field, InputType } from 'type-graphql';
import { Matches, MaxLength } from 'class-validator';
import { DateScalar } from '../values/scalars';
import { Text, WebUrl, WhenGiven, WhenPresent } from '../values/validation';

@InputType()
export class SourceFilter {
  @Field(() => String, { nullable: true, description: 'Free text, matched against title, publisher and author.' })
  search?: string | null;
}

/** The fields that create and update share; they differ in whether the title is required. */
@InputType()
abstract class SourceFields {
  @Field(() => String, { nullable: true })
  @WhenPresent()
  @Text(200)
  publisher?: string | null;

  @Field(() => String, { nullable: true })
  @WhenPresent()
  @Text(300)
  author?: string | null;

  @Field(() => String, { nullable: true })
  @WhenPresent()
  @WebUrl()
  @MaxLength(2000)
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 639-1 code, e.g. en, uk, de.' })
  @WhenPresent()
  @Matches(/^[a-z]{2,3}$/, { message: 'language must be an ISO 639 code such as en, uk or de' })
  language?: string | null;

  @Field(() => DateScalar, { nullable: true })
  publishedOn?: Date | null;

  @Field(() => DateScalar, { nullable: true })
  retrievedOn?: Date | null;
}

@InputType()
export class CreateSourceInput extends SourceFields {
  @Field()
  @Text(500)
  title: string;
}

@InputType()
export class UpdateSourceInput extends SourceFields {
  @Field(() => String, { nullable: true })
  @WhenGiven()
  @Text(500)
  title?: string;
}
