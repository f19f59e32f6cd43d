import type { NodeTypeName } from '../common/global-id';
import { CasualtyReport } from '../casualties/casualty-report.entity';
import { Country } from '../countries/country.entity';
import { Event } from '../events/event.entity';
import { Official } from '../officials/official.entity';
import { Organization } from '../organizations/organization.entity';
import { Source } from '../sources/source.entity';
import { Statement } from '../statements/statement.entity';

export const NODE_ENTITIES = {
  Country,
  Organization,
  Official,
  Event,
  CasualtyReport,
  Statement,
  Source,
} satisfies Record<NodeTypeName, unknown>;

export type NodeEntity = InstanceType<(typeof NODE_ENTITIES)[NodeTypeName]>;
