import { defineKind } from '../facts/fact-kind';
import { inputOf } from '../values/validation';
import { Country } from './country.entity';
import { CreateCountryInput } from './country.inputs';
import { CountryResolver, CountryWriteMutations } from './country.resolver';
import { CountryService } from './country.service';
import entries from './seed.json';

export interface SeedCountry {
  key: string;
  name: string;
  isoCode: string | null;
}

export const countryKind = defineKind({
  entity: Country,
  service: CountryService,
  resolvers: [CountryResolver, CountryWriteMutations],
  searchCode: 1,
  seed: {
    entries: entries as SeedCountry[],
    input: (entry: SeedCountry) => inputOf(CreateCountryInput, { name: entry.name, isoCode: entry.isoCode }),
  },
});
