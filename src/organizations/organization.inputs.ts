import { Field, ID, InputType } from 'type-graphql';
import { Text, WhenGiven, WhenPresent } from '../values/validation';

@InputType()
export class OrganizationFilter {
  @Field(() => String, { nullable: true, description: 'Free text, matched against name and acronym.' })
  search?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Organizations that belong to any of these countries.' })
  countryIds?: string[] | null;
}

@InputType()
abstract class OrganizationFields {
  @Field(() => String, { nullable: true })
  @WhenPresent()
  @Text(50)
  acronym?: string | null;

  @Field(() => ID, { nullable: true, description: 'The state it belongs to, if any.' })
  countryId?: string | null;
}

@InputType()
export class CreateOrganizationInput extends OrganizationFields {
  @Field()
  @Text(200)
  name: string;
}

@InputType()
export class UpdateOrganizationInput extends OrganizationFields {
  @Field(() => String, { nullable: true })
  @WhenGiven()
  @Text(200)
  name?: string;
}
