import { DocumentNode, getNamedType, getNullableType, GraphQLError, GraphQLSchema, isListType } from 'graphql';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../common/keyset';

/** How many items a plain list field (Event.countries, Event.sources, ...) is counted as: they are short, but unbounded. */
const PLAIN_LIST_SIZE = 10;

/**
 * The cost of a field is the cost of what it returns times how many it can return: a connection
 * as many as `first`/`last` ask (20 by default), its `edges`/`nodes` no more again, a plain list
 * PLAIN_LIST_SIZE. A query nesting lists in lists grows as the product of their sizes.
 */
const listsMultiply: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (getNamedType(field.type).name.endsWith('Connection')) return 1 + childComplexity * Number(args.first ?? args.last ?? DEFAULT_PAGE_SIZE);
  if (type.name.endsWith('Connection') && (field.name === 'edges' || field.name === 'nodes')) return childComplexity;
  if (isListType(getNullableType(field.type))) return 1 + childComplexity * PLAIN_LIST_SIZE;
  return undefined;
};

export class QueryTooComplexError extends GraphQLError {
  constructor(cost: number, maximum: number) {
    super(`This query could return too much (cost ${cost}, at most ${maximum}): ask for fewer items per list, or nest fewer lists`, {
      extensions: { code: 'QUERY_TOO_COMPLEX', cost, maximumCost: maximum, http: { status: 400 } },
    });
  }
}

/**
 * Refuses, before it runs, an operation whose estimated cost exceeds `maximum`. An operation
 * whose variables are invalid cannot be estimated; it is left to execution, which refuses it
 * with BAD_USER_INPUT before running anything.
 */
export function assertQueryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined, maximum: number): void {
  let cost: number;
  try {
    cost = getComplexity({ schema, query: document, variables, operationName, estimators: [listsMultiply, simpleEstimator({ defaultComplexity: 1 })] });
  } catch (error) {
    if (error instanceof GraphQLError) return;
    throw error;
  }
  if (cost > maximum) throw new QueryTooComplexError(cost, maximum);
}
