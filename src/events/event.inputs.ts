import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { ClaimStatus, EventType, SortDirection } from '../common/enums';
import { DateScalar } from '../common/scalars';

@InputType()
export class EventFilter {
  @Field(() => [ID], { nullable: true, description: 'Events that involve any of these countries.' })
  countryIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Events that involve any of these officials.' })
  officialIds?: string[] | null;

  @Field(() => [EventType], { nullable: true })
  types?: EventType[] | null;

  @Field(() => [ClaimStatus], { nullable: true })
  claimStatuses?: ClaimStatus[] | null;

  @Field(() => DateScalar, { nullable: true, description: 'Inclusive lower bound on Event.date.' })
  from?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'Inclusive upper bound on Event.date.' })
  to?: Date | null;

  @Field(() => String, { nullable: true, description: 'Free text, matched against title, summary and location name.' })
  search?: string | null;
}

export enum EventOrderField {
  DATE = 'DATE',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(EventOrderField, { name: 'EventOrderField' });

@InputType()
export class EventOrder {
  @Field(() => EventOrderField)
  field: EventOrderField;

  @Field(() => SortDirection)
  direction: SortDirection;
}
