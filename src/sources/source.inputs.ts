import { Field, InputType } from 'type-graphql';

@InputType()
export class SourceFilter {
  @Field(() => String, { nullable: true, description: 'Free text, matched against title, publisher and author.' })
  search?: string | null;
}
