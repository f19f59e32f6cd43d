import { Field, ID, InputType } from 'type-graphql';
import { Text, WhenGiven, WhenPresent } from '../values/validation';

@InputType()
export class OfficialFilter {
  @Field(() => [ID], { nullable: true })
  countryIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  organizationIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Free text, matched against name and role.' })
  search?: string | null;
}

@InputType()
abstract class OfficialFields {
  @Field(() => String, { nullable: true, description: 'The position held at the time of the facts.' })
  @WhenPresent()
  @Text(300)
  role?: string | null;

  @Field(() => ID, { nullable: true })
  countryId?: string | null;

  @Field(() => ID, { nullable: true })
  organizationId?: string | null;
}

@InputType()
export class CreateOfficialInput extends OfficialFields {
  @Field()
  @Text(200)
  name: string;
}

@InputType()
export class UpdateOfficialInput extends OfficialFields {
  @Field(() => String, { nullable: true })
  @WhenGiven()
  @Text(200)
  name?: string;
}
