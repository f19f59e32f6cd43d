import { MaxLength } from 'class-validator';
import { Field, Float, ID, InputType, registerEnumType } from 'type-graphql';
import { ClaimStatus, DatePrecision, SortDirection } from '../values/enums';
import { DateScalar } from '../values/scalars';
import { Amount, Latitude, List, Longitude, Nested, OneOf, StorableText, Text, WhenGiven, WhenPresent } from '../values/validation';
import { EventType } from './event-type';

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

@InputType()
export class LocationInput {
  @Field()
  @Text(200)
  name: string;

  @Field(() => ID, { nullable: true })
  countryId?: string | null;

  @Field(() => Float, { nullable: true })
  @WhenPresent()
  @Latitude()
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @WhenPresent()
  @Longitude()
  longitude?: number | null;
}

@InputType({ description: 'A number given for an event; see EventFigure.' })
export class EventFigureInput {
  @Field()
  @Text(300)
  subject: string;

  @Field(() => String, { nullable: true })
  @WhenPresent()
  @Text(50)
  unit?: string | null;

  @Field(() => Float, { nullable: true })
  @WhenPresent()
  @Amount()
  best?: number | null;

  @Field(() => Float, { nullable: true })
  @WhenPresent()
  @Amount()
  low?: number | null;

  @Field(() => Float, { nullable: true })
  @WhenPresent()
  @Amount()
  high?: number | null;
}

@InputType()
class EventFields {
  @Field(() => String, { nullable: true })
  @WhenPresent()
  @StorableText()
  @MaxLength(5000)
  summary?: string | null;

  @Field(() => DatePrecision, { nullable: true, description: 'DAY when left out on create.' })
  @WhenPresent()
  @OneOf(DatePrecision)
  datePrecision?: DatePrecision | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of a period; not before date.' })
  endDate?: Date | null;

  @Field(() => ClaimStatus, { nullable: true, description: 'REPORTED when left out on create.' })
  @WhenPresent()
  @OneOf(ClaimStatus)
  claimStatus?: ClaimStatus | null;

  @Field(() => LocationInput, { nullable: true })
  @WhenPresent()
  @Nested()
  location?: LocationInput | null;

  @Field(() => [ID], { nullable: true })
  @WhenPresent()
  @List()
  countryIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  @WhenPresent()
  @List()
  officialIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  @WhenPresent()
  @List()
  sourceIds?: string[] | null;

  @Field(() => [EventFigureInput], { nullable: true, description: 'Replaces all figures of the event when given.' })
  @WhenPresent()
  @List()
  @Nested()
  figures?: EventFigureInput[] | null;
}

@InputType()
export class CreateEventInput extends EventFields {
  @Field()
  @Text(300)
  title: string;

  @Field(() => DateScalar)
  date: Date;

  @Field(() => EventType)
  @OneOf(EventType)
  type: EventType;
}

@InputType()
export class UpdateEventInput extends EventFields {
  @Field(() => String, { nullable: true })
  @WhenGiven()
  @Text(300)
  title?: string;

  @Field(() => DateScalar, { nullable: true })
  date?: Date;

  @Field(() => EventType, { nullable: true })
  @WhenPresent()
  @OneOf(EventType)
  type?: EventType;
}
