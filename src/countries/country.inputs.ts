import { Field, InputType } from 'type-graphql';

@InputType()
export class CountryFilter {
  @Field(() => String, { nullable: true, description: 'Free text, matched against name and ISO code.' })
  search?: string | null;
}
