import { Country } from '../countries/country.entity';
import { defineKind } from '../facts/fact-kind';
import { inputOf } from '../values/validation';
import { Organization } from './organization.entity';
import { CreateOrganizationInput } from './organization.inputs';
import { OrganizationResolver, OrganizationWriteMutations } from './organization.resolver';
import { OrganizationService } from './organization.service';
import entries from './seed.json';

export interface SeedOrganization {
  key: string;
  name: string;
  acronym: string | null;
  country: string | null;
}

export const organizationKind = defineKind({
  entity: Organization,
  service: OrganizationService,
  resolvers: [OrganizationResolver, OrganizationWriteMutations],
  searchCode: 2,
  seed: {
    entries: entries as SeedOrganization[],
    input: (entry: SeedOrganization, refs) => inputOf(CreateOrganizationInput, { name: entry.name, acronym: entry.acronym, countryId: refs.optional(Country, entry.country) }),
  },
});
