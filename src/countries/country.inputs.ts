import { Field, InputType } from 'type-graphql';
import { Matches } from 'class-validator';
import { Text, WhenGiven, WhenPresent } from '../values/validation';

@InputType()
export class CountryFilter {
  @Field(() => String, { nullable: true, description: 'Free text, matched against name and ISO code.' })
  search?: string | null;
}

@InputType()
abstract class CountryFields {
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-3 code, e.g. PRK.' })
  @WhenPresent()
  @Matches(/^[A-Z]{3}$/, { message: 'isoCode must be three capital letters (ISO 3166-1 alpha-3)' })
  isoCode?: string | null;
}

@InputType()
export class CreateCountryInput extends CountryFields {
  @Field()
  @Text(200)
  name: string;
}

@InputType()
export class UpdateCountryInput extends CountryFields {
  @Field(() => String, { nullable: true })
  @WhenGiven()
  @Text(200)
  name?: string;
}
