import { GraphQLError, GraphQLScalarType, ValueNode } from 'graphql';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';

/** Years 1 to 9999: what both databases can store as a date. */
function withinStorableYears(date: Date, node?: ValueNode): Date {
  const year = date.getUTCFullYear();
  if (year < 1 || year > 9999) throw new GraphQLError(`Date must be within the years 0001 to 9999, got ${date.toISOString().slice(0, 10)}`, { nodes: node });
  return date;
}

/**
 * `Date` is a calendar day: graphql-scalars validates it (2024-02-31 is refused) and parses it
 * to a JS Date at UTC midnight; years outside 0001-9999 are refused as well.
 */
export const DateScalar = new GraphQLScalarType({
  ...DateResolver.toConfig(),
  parseValue: (value: unknown) => withinStorableYears(DateResolver.parseValue(value) as Date),
  parseLiteral: (node: ValueNode, variables?: { [key: string]: unknown } | null) => withinStorableYears(DateResolver.parseLiteral(node, variables) as Date, node),
});
export const DateTimeScalar = DateTimeResolver;

/** The `YYYY-MM-DD` form the database stores for a parsed `Date` argument. */
export function toIsoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A `YYYY-MM-DD` text as a `Date` argument, checked as the API checks one (the seed's dates). */
export function parseDay(value: string): Date {
  return DateScalar.parseValue(value) as Date;
}

export function parseOptionalDay(value: string | null): Date | null {
  return value === null ? null : parseDay(value);
}
