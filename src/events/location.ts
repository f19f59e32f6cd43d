import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType()
export class Location {
  @Field({ description: "Place name as commonly written, e.g. 'Kursk Oblast' or 'Ussuriysk'." })
  name: string;

  countryId: number | null;

  @Field(() => Float, { nullable: true })
  latitude: number | null;

  @Field(() => Float, { nullable: true })
  longitude: number | null;
}
