import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../common/scalars';

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
