import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class OrganizationFilter {
  @Field(() => String, { nullable: true, description: 'Free text, matched against name and acronym.' })
  search?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Organizations that belong to any of these countries.' })
  countryIds?: string[] | null;
}
