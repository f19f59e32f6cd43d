import { DocumentNode, FragmentDefinitionNode, getNamedType, getNullableType, getOperationAST, GraphQLError, GraphQLSchema, isIntrospectionType, isListType, Kind, SelectionSetNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../relay/keyset';

/** How many items a plain list field (Event.countries, Event.sources, ...) is counted as: they are short, but unbounded. */
const PLAIN_LIST_SIZE = 10;
/** A connection's totalCount is a COUNT over its whole list, whatever the page size: it costs as much as ten items. */
const TOTAL_COUNT_COST = 10;
/** A mutation is a transaction, a revision and a publication: it costs as much as a hundred items read. */
const MUTATION_COST = 100;
/**
 * Fields the estimate visits at most, fragments expanded: past it, fragments spread inside fragments are multiplying
 * the work faster than the depth and alias limits can see, and the operation is refused as too complex.
 */
const MAX_FIELDS_VISITED = 10_000;

/** Whether a selection asks for totalCount, directly or through fragments (skipped or not: counting it is the safe side). */
function asksForTotalCount(selectionSet: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): boolean {
  return (selectionSet?.selections ?? []).some((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === 'totalCount';
    if (selection.kind === Kind.INLINE_FRAGMENT) return asksForTotalCount(selection.selectionSet, fragments, seen);
    if (seen.has(selection.name.value)) return false;
    seen.add(selection.name.value);
    return asksForTotalCount(fragments.get(selection.name.value)?.selectionSet, fragments, seen);
  });
}

/**
 * The cost of a field is the cost of what it returns times how many it can return: a connection
 * as many as `first`/`last` ask (20 by default), its `edges`/`nodes` no more again, a plain list
 * PLAIN_LIST_SIZE, `nodes(ids:)` as many as it is given. A query nesting lists in lists grows as
 * the product of their sizes. A connection costs at least 1 whatever its size, and TOTAL_COUNT_COST
 * more, once, when its totalCount is asked for; a mutation costs MUTATION_COST. The introspection
 * system (what GraphiQL, graphql-codegen and Rover ask for) costs nothing: it reads no data.
 */
function chargesForTheWork(fragments: Map<string, FragmentDefinitionNode>): ComplexityEstimator {
  return ({ type, field, node, args, childComplexity }) => {
    if (isIntrospectionType(type) || field.name.startsWith('__')) return 0;
    // Charged by the connection it belongs to, so that a page size of 0 does not make it free.
    if (field.name === 'totalCount') return 0;
    const base = type.name === 'Mutation' ? MUTATION_COST : 1;
    if (getNamedType(field.type).name.endsWith('Connection')) {
      const counting = asksForTotalCount(node.selectionSet, fragments) ? TOTAL_COUNT_COST : 0;
      return base + counting + childComplexity * Number(args.first ?? args.last ?? DEFAULT_PAGE_SIZE);
    }
    if (type.name.endsWith('Connection') && (field.name === 'edges' || field.name === 'nodes')) return childComplexity;
    if (Array.isArray(args.ids)) return base + childComplexity * args.ids.length;
    if (isListType(getNullableType(field.type))) return base + childComplexity * PLAIN_LIST_SIZE;
    return base + childComplexity;
  };
}

export class QueryTooComplexError extends GraphQLError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code: 'QUERY_TOO_COMPLEX', ...extensions, http: { status: 400 } } });
  }
}

/**
 * Refuses, before it runs, an operation whose estimated cost exceeds `maximum`, and returns the cost. An operation
 * whose variables are invalid is left to execution, which refuses it with BAD_USER_INPUT before running anything;
 * any other operation that cannot be estimated (it expands to more than MAX_FIELDS_VISITED fields) is refused.
 */
export function assertQueryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined, maximum: number): number | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined;
  if (getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}).errors) return undefined;
  const fragments = new Map(document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
  let cost: number;
  try {
    cost = getComplexity({ schema, query: document, variables, operationName, estimators: [chargesForTheWork(fragments)], maxQueryNodes: MAX_FIELDS_VISITED });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    throw new QueryTooComplexError(`This query expands to more than ${MAX_FIELDS_VISITED} fields once its fragments are spread: ask for less, or spread fewer fragments`);
  }
  if (cost > maximum) {
    throw new QueryTooComplexError(`This query could return too much (cost ${cost}, at most ${maximum}): ask for fewer items per list, or nest fewer lists`, { cost, maximumCost: maximum });
  }
  return cost;
}
