import { casualtyReportKind } from '../casualties/casualty-report.kind';
import { countryKind } from '../countries/country.kind';
import { eventKind } from '../events/event.kind';
import type { FactKind } from '../facts/fact-kind';
import { KindIndex } from '../facts/kind-index';
import { officialKind } from '../officials/official.kind';
import { organizationKind } from '../organizations/organization.kind';
import { sourceKind } from '../sources/source.kind';
import { statementKind } from '../statements/statement.kind';

/**
 * The kinds of fact, the one list of them: entities, node types, resolvers, search, topics and the seed's order
 * are all made from it. A kind comes after the kinds its facts refer to (the seed adds them in this order).
 */
export const KINDS: readonly FactKind[] = [sourceKind, countryKind, organizationKind, officialKind, eventKind, statementKind, casualtyReportKind] as FactKind[];

export const KIND_INDEX = new KindIndex(KINDS);
