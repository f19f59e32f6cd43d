import { DataSource } from 'typeorm';
import { CasualtyReportService } from './casualties/casualty-report.service';
import { CountryService } from './countries/country.service';
import { Loaders } from './db/loaders';
import { EventService } from './events/event.service';
import { NodeService } from './node/node.service';
import { OfficialService } from './officials/official.service';
import { OrganizationService } from './organizations/organization.service';
import { SearchService } from './search/search.service';
import { SourceService } from './sources/source.service';
import { StatementService } from './statements/statement.service';

/** The services of one request; they share its loaders, so everything it reads is batched and cached for it alone. */
export function createServices(dataSource: DataSource) {
  const loaders = new Loaders(dataSource);
  return {
    nodes: new NodeService(loaders),
    countries: new CountryService(dataSource, loaders),
    organizations: new OrganizationService(dataSource, loaders),
    officials: new OfficialService(dataSource, loaders),
    events: new EventService(dataSource, loaders),
    casualties: new CasualtyReportService(dataSource, loaders),
    statements: new StatementService(dataSource, loaders),
    sources: new SourceService(dataSource, loaders),
    search: new SearchService(dataSource, loaders),
  };
}

export type Services = ReturnType<typeof createServices>;

export interface Context {
  services: Services;
}
