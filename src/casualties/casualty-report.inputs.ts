import { Field, ID, InputType, Int } from 'type-graphql';
import { ClaimStatus, DatePrecision } from '../values/enums';
import { Count, List, OneOf, WhenPresent } from '../values/validation';
import { DateScalar } from '../values/scalars';

@InputType()
export class CasualtyFilter {
  @Field(() => [ID], { nullable: true, description: 'Reports on the losses of any of these countries.' })
  countryIds?: string[] | null;

  @Field(() => DateScalar, { nullable: true, description: 'Inclusive lower bound on CasualtyReport.asOf.' })
  from?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'Inclusive upper bound on CasualtyReport.asOf.' })
  to?: Date | null;
}

@InputType()
class CasualtyReportFields {
  @Field(() => Int, { nullable: true })
  @WhenPresent()
  @Count()
  killed?: number | null;

  @Field(() => Int, { nullable: true })
  @WhenPresent()
  @Count()
  wounded?: number | null;

  @Field(() => Int, { nullable: true })
  @WhenPresent()
  @Count()
  captured?: number | null;

  @Field(() => Int, { nullable: true })
  @WhenPresent()
  @Count()
  missing?: number | null;

  @Field(() => DatePrecision, { nullable: true, description: 'DAY when left out on create.' })
  @WhenPresent()
  @OneOf(DatePrecision)
  datePrecision?: DatePrecision | null;

  @Field(() => ClaimStatus, { nullable: true, description: 'REPORTED when left out on create.' })
  @WhenPresent()
  @OneOf(ClaimStatus)
  claimStatus?: ClaimStatus | null;

  @Field(() => ID, { nullable: true, description: 'The organization that reports the figures.' })
  reportedById?: string | null;

  @Field(() => ID, { nullable: true, description: 'The state that reports the figures, where no organization is named.' })
  reportedByCountryId?: string | null;

  @Field(() => ID, { nullable: true })
  eventId?: string | null;

  @Field(() => [ID], { nullable: true })
  @WhenPresent()
  @List()
  sourceIds?: string[] | null;
}

@InputType()
export class CreateCasualtyReportInput extends CasualtyReportFields {
  @Field(() => ID, { description: 'Whose forces suffered the losses.' })
  countryId: string;

  @Field(() => DateScalar)
  asOf: Date;
}

@InputType()
export class UpdateCasualtyReportInput extends CasualtyReportFields {
  @Field(() => ID, { nullable: true })
  countryId?: string;

  @Field(() => DateScalar, { nullable: true })
  asOf?: Date;
}
