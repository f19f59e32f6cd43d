import { Country } from '../countries/country.entity';
import { defineKind } from '../facts/fact-kind';
import { Organization } from '../organizations/organization.entity';
import { inputOf } from '../values/validation';
import { Official } from './official.entity';
import { CreateOfficialInput } from './official.inputs';
import { CountryOfficialsResolver, OfficialResolver, OfficialWriteMutations } from './official.resolver';
import { OfficialService } from './official.service';
import entries from './seed.json';

export interface SeedOfficial {
  key: string;
  name: string;
  role: string | null;
  country: string | null;
  organization: string | null;
}

export const officialKind = defineKind({
  entity: Official,
  service: OfficialService,
  resolvers: [OfficialResolver, CountryOfficialsResolver, OfficialWriteMutations],
  searchCode: 3,
  seed: {
    entries: entries as SeedOfficial[],
    input: (entry: SeedOfficial, refs) =>
      inputOf(CreateOfficialInput, {
        name: entry.name,
        role: entry.role,
        countryId: refs.optional(Country, entry.country),
        organizationId: refs.optional(Organization, entry.organization),
      }),
  },
});
