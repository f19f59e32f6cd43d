import { DocumentNode, FieldNode, getNamedType, getNullableType, GraphQLError, GraphQLSchema, isIntrospectionType, isListType } from 'graphql';
import { ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../common/keyset';

/** How many items a plain list field (Event.countries, Event.sources, ...) is counted as: they are short, but unbounded. */
const PLAIN_LIST_SIZE = 10;
/** A connection's totalCount is a COUNT over its whole list, whatever the page size: it costs as much as ten items. */
const TOTAL_COUNT_COST = 10;
/** A mutation is a transaction, a revision and a publication: it costs as much as a hundred items read. */
const MUTATION_COST = 100;

/** The totalCount fields selected directly on a connection: their cost is paid once, not once per item of the page. */
function totalCountsSelected(node: FieldNode): number {
  return node.selectionSet?.selections.filter((selection) => selection.kind === 'Field' && selection.name.value === 'totalCount').length ?? 0;
}

/**
 * The cost of a field is the cost of what it returns times how many it can return: a connection
 * as many as `first`/`last` ask (20 by default), its `edges`/`nodes` no more again, a plain list
 * PLAIN_LIST_SIZE, `nodes(ids:)` as many as it is given. A query nesting lists in lists grows as
 * the product of their sizes. A connection costs at least 1 whatever its size, and its totalCount
 * TOTAL_COUNT_COST; a mutation MUTATION_COST. The introspection system (what GraphiQL,
 * graphql-codegen and Rover ask for) costs nothing: it reads no data.
 */
const chargesForTheWork: ComplexityEstimator = ({ type, field, node, args, childComplexity }) => {
  if (isIntrospectionType(type) || field.name.startsWith('__')) return 0;
  if (field.name === 'totalCount') return TOTAL_COUNT_COST;
  const base = type.name === 'Mutation' ? MUTATION_COST : 1;
  if (getNamedType(field.type).name.endsWith('Connection')) {
    const once = TOTAL_COUNT_COST * totalCountsSelected(node);
    return base + once + (childComplexity - once) * Number(args.first ?? args.last ?? DEFAULT_PAGE_SIZE);
  }
  if (type.name.endsWith('Connection') && (field.name === 'edges' || field.name === 'nodes')) return childComplexity;
  if (Array.isArray(args.ids)) return base + childComplexity * args.ids.length;
  if (isListType(getNullableType(field.type))) return base + childComplexity * PLAIN_LIST_SIZE;
  return base + childComplexity;
};

export class QueryTooComplexError extends GraphQLError {
  constructor(cost: number, maximum: number) {
    super(`This query could return too much (cost ${cost}, at most ${maximum}): ask for fewer items per list, or nest fewer lists`, {
      extensions: { code: 'QUERY_TOO_COMPLEX', cost, maximumCost: maximum, http: { status: 400 } },
    });
  }
}

/**
 * Refuses, before it runs, an operation whose estimated cost exceeds `maximum`, and returns the cost. An operation
 * whose variables are invalid cannot be estimated; it is left to execution, which refuses it
 * with BAD_USER_INPUT before running anything.
 */
export function assertQueryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined, maximum: number): number | undefined {
  let cost: number;
  try {
    cost = getComplexity({ schema, query: document, variables, operationName, estimators: [chargesForTheWork] });
  } catch (error) {
    if (error instanceof GraphQLError) return undefined;
    throw error;
  }
  if (cost > maximum) throw new QueryTooComplexError(cost, maximum);
  return cost;
}
