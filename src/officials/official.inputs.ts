import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class OfficialFilter {
  @Field(() => [ID], { nullable: true })
  countryIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  organizationIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Free text, matched against name and role.' })
  search?: string | null;
}
