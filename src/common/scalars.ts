import { DateResolver, DateTimeResolver } from 'graphql-scalars';

/** `Date` is a calendar day: graphql-scalars validates it (2024-02-31 is refused) and parses it to a JS Date at UTC midnight. */
export const DateScalar = DateResolver;
export const DateTimeScalar = DateTimeResolver;

/** The `YYYY-MM-DD` form the database stores for a parsed `Date` argument. */
export function toIsoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
