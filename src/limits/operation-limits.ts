import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { ASTNode, GraphQLError, Kind, Lexer, SelectionSetNode, Source, TokenKind, ValidationContext, ValidationRule } from 'graphql';

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

export type LimitCode = 'DOCUMENT_TOO_LARGE' | 'TOO_MANY_TOKENS' | 'QUERY_TOO_DEEP' | 'TOO_MANY_ALIASES' | 'TOO_MANY_ROOT_FIELDS' | 'TOO_MANY_DIRECTIVES';

/** An operation that is larger than a limit allows; refused before it runs, with the code of the limit (HTTP 400). */
export class LimitExceededError extends GraphQLError {
  constructor(code: LimitCode, message: string, nodes?: ASTNode | readonly ASTNode[]) {
    super(message, { nodes, extensions: { code, http: { status: 400 } } });
  }
}

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

function countRootFields(selectionSet: SelectionSetNode, context: ValidationContext, visitedFragments: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value === '__typename' ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += countRootFields(selection.selectionSet, context, visitedFragments);
    else if (!visitedFragments.has(selection.name.value)) {
      visitedFragments.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) count += countRootFields(fragment.selectionSet, context, visitedFragments);
    }
  }
  return count;
}

function maxRootFieldsRule(maximum: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const count = countRootFields(operation.selectionSet, context, new Set());
      if (count > maximum) {
        context.reportError(new LimitExceededError('TOO_MANY_ROOT_FIELDS', `The operation has ${count} top-level fields; at most ${maximum} (MAX_ROOT_FIELDS)`, operation));
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
    maxRootFieldsRule(limits.maxRootFields),
  ];
}
