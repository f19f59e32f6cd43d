import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../common/scalars';

@InputType()
export class CasualtyFilter {
  @Field(() => [ID], { nullable: true, description: 'Reports on the losses of any of these countries.' })
  countryIds?: string[] | null;

  @Field(() => DateScalar, { nullable: true, description: 'Inclusive lower bound on CasualtyReport.asOf.' })
  from?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'Inclusive upper bound on CasualtyReport.asOf.' })
  to?: Date | null;
}
