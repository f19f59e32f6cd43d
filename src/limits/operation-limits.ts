import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, Kind, Lexer, SelectionSetNode, Source, TokenKind, ValidationContext, ValidationRule } from 'graphql';
import { type LimitCode, LimitExceededError } from '../errors/errors';

/** The limits every operation is held to, over HTTP and WebSocket alike, before any of it runs. */
export interface OperationLimits {
  /** MAX_DOCUMENT_BYTES: the size of the query text, checked before it is parsed. */
  maxDocumentBytes: number;
  /** MAX_TOKENS: the lexical tokens of the query text, checked before it is parsed. */
  maxTokens: number;
  /** MAX_DEPTH: how deep fields may nest (the standard introspection query is exempt). */
  maxDepth: number;
  /** MAX_ALIASES: aliases in one operation. */
  maxAliases: number;
  /** MAX_ROOT_FIELDS: top-level fields of one operation, mutations included. */
  maxRootFields: number;
  /** MAX_DIRECTIVES: directives in one operation. */
  maxDirectives: number;
}

/** The largest HTTP body and WebSocket message accepted: a query with its variables. */
export const MAX_REQUEST_BYTES = 1_048_576;

/**
 * How deep brackets of any kind may nest in a query text. graphql-js parses recursively, so a deeper text would
 * exhaust the stack; MAX_DEPTH, the limit clients see, is far below it.
 */
const MAX_NESTING = 128;

/**
 * How often one operation may ask for the schema: the cost model charges introspection nothing (the standard query
 * of GraphiQL, graphql-codegen and Rover would not fit otherwise), so it is bounded here, by count, instead.
 */
const MAX_SCHEMA_FIELDS = 1;
const MAX_TYPE_FIELDS = 10;

/**
 * Checks the query text against the size, token and nesting limits by lexing it, which is linear and allocates little,
 * so that no parser or validator ever sees a text past them. A text that does not lex is left to the parser to report.
 */
export function documentLimitError(query: unknown, limits: OperationLimits): LimitExceededError | null {
  if (typeof query !== 'string') return null;
  const bytes = Buffer.byteLength(query);
  if (bytes > limits.maxDocumentBytes) {
    return new LimitExceededError('DOCUMENT_TOO_LARGE', `The query is ${bytes} bytes long; at most ${limits.maxDocumentBytes} are accepted (MAX_DOCUMENT_BYTES)`);
  }
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  let nesting = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      tokens += 1;
      if (tokens > limits.maxTokens) return new LimitExceededError('TOO_MANY_TOKENS', `The query has more than ${limits.maxTokens} tokens (MAX_TOKENS); split it into smaller operations`);
      if (token.kind === TokenKind.BRACE_L || token.kind === TokenKind.BRACKET_L || token.kind === TokenKind.PAREN_L) nesting += 1;
      else if (token.kind === TokenKind.BRACE_R || token.kind === TokenKind.BRACKET_R || token.kind === TokenKind.PAREN_R) nesting -= 1;
      if (nesting > MAX_NESTING) return new LimitExceededError('QUERY_TOO_DEEP', `The query nests more than ${MAX_NESTING} levels of brackets`);
    }
  } catch {
    return null;
  }
  return null;
}

/** Reports a graphql-armor rejection as a LimitExceededError with our code, instead of throwing its own. */
function reportAs(code: LimitCode, variable: string) {
  return {
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(new LimitExceededError(code, `${error.message.replace(/^Syntax Error: /, '')} (${variable})`))],
  };
}

/** The names of an operation's top-level fields, one per selection (aliases included), through fragments. */
function rootFieldNames(selectionSet: SelectionSetNode, context: ValidationContext, visitedFragments: Set<string>): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFieldNames(selection.selectionSet, context, visitedFragments);
    if (visitedFragments.has(selection.name.value)) return [];
    visitedFragments.add(selection.name.value);
    const fragment = context.getFragment(selection.name.value);
    return fragment ? rootFieldNames(fragment.selectionSet, context, visitedFragments) : [];
  });
}

function rootFieldsRule(maximum: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const names = rootFieldNames(operation.selectionSet, context, new Set());
      const count = names.filter((name) => name !== '__typename').length;
      if (count > maximum) {
        context.reportError(new LimitExceededError('TOO_MANY_ROOT_FIELDS', `The operation has ${count} top-level fields; at most ${maximum} (MAX_ROOT_FIELDS)`, operation));
      }
      const schemas = names.filter((name) => name === '__schema').length;
      const types = names.filter((name) => name === '__type').length;
      if (schemas > MAX_SCHEMA_FIELDS || types > MAX_TYPE_FIELDS) {
        context.reportError(
          new LimitExceededError('INTROSPECTION_TOO_LARGE', `An operation may ask for __schema at most ${MAX_SCHEMA_FIELDS} time and for __type at most ${MAX_TYPE_FIELDS} times; this one asks ${schemas} and ${types} times`, operation),
        );
      }
    },
  });
}

/** Validation rules for the limits on an operation's shape, run with graphql-js's own rules. */
export function limitRules(limits: OperationLimits): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, ...reportAs('QUERY_TOO_DEEP', 'MAX_DEPTH') }),
    maxAliasesRule({ n: limits.maxAliases, ...reportAs('TOO_MANY_ALIASES', 'MAX_ALIASES') }),
    maxDirectivesRule({ n: limits.maxDirectives, ...reportAs('TOO_MANY_DIRECTIVES', 'MAX_DIRECTIVES') }),
    rootFieldsRule(limits.maxRootFields),
  ];
}
