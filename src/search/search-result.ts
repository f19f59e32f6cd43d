import { createUnionType } from 'type-graphql';
import { connectionType } from '../common/connection';
import { NODE_ENTITIES } from '../node/node-types';

const { Event, Statement, Official, Country, Organization, Source } = NODE_ENTITIES;

export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: 'Everything a full-text search can find.',
  types: () => [Event, Statement, Official, Country, Organization, Source] as const,
});

export const SearchResultConnection = connectionType('SearchResult', SearchResult);
