import { registerEnumType } from 'type-graphql';

export enum DatePrecision {
  DAY = 'DAY',
  MONTH = 'MONTH',
  YEAR = 'YEAR',
}

export enum ClaimStatus {
  CONFIRMED = 'CONFIRMED',
  REPORTED = 'REPORTED',
  ALLEGED = 'ALLEGED',
  DISPUTED = 'DISPUTED',
}

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(DatePrecision, {
  name: 'DatePrecision',
  description: 'How exactly a date is known: `2024-10-25` (DAY), `October 2024` (MONTH), `2017` (YEAR).',
});
registerEnumType(ClaimStatus, {
  name: 'ClaimStatus',
  description: 'How well a fact is established by the sources that carry it.',
  valuesConfig: {
    CONFIRMED: { description: 'Acknowledged by the party concerned, or by several independent parties.' },
    REPORTED: { description: 'Reported by credible sources, not contradicted.' },
    ALLEGED: { description: 'Asserted by one party (an intelligence service, a government) and not independently verified.' },
    DISPUTED: { description: 'Denied or contradicted by a party with knowledge of it.' },
  },
});
registerEnumType(SortDirection, { name: 'SortDirection' });
