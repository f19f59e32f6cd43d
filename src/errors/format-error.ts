import { unwrapResolverError } from '@apollo/server/errors';
import { ASTNode, BREAK, GraphQLError, GraphQLFormattedError, Kind, parse, visit } from 'graphql';
import type { Logger } from 'pino';
import { databaseFault } from './database-faults';
import { ErrorCode, LimitExceededError } from './errors';

const VALUE_KINDS: ReadonlySet<string> = new Set([Kind.INT, Kind.FLOAT, Kind.STRING, Kind.BOOLEAN, Kind.NULL, Kind.ENUM, Kind.LIST, Kind.OBJECT, Kind.OBJECT_FIELD]);

/** A validation error about a literal argument value ("2024-02-31" for a Date), not about the query's shape. */
function isBadLiteral(error: unknown): boolean {
  return error instanceof GraphQLError && error.nodes !== undefined && error.nodes.length > 0 && error.nodes.every((node) => VALUE_KINDS.has(node.kind));
}

/**
 * Where a literal value stands in its document, as the arguments and input fields around it ("input.date"), so
 * that a message about it can name the field: graphql-js's own says only what was expected.
 */
function literalPath(error: GraphQLError): string | null {
  const start = error.nodes?.[0]?.loc?.start;
  const body = error.source?.body;
  if (start === undefined || body === undefined) return null;
  let path: string | null = null;
  try {
    visit(parse(body), {
      enter(node, _key, parent, _path, ancestors) {
        if (!VALUE_KINDS.has(node.kind) || node.loc?.start !== start) return undefined;
        // `ancestors` stops short of the node's own parent: the field a value belongs to is that parent.
        const named = [...ancestors, parent ?? [], node].filter((ancestor): ancestor is ASTNode & { name: { value: string } } => !Array.isArray(ancestor) && 'kind' in ancestor && (ancestor.kind === Kind.ARGUMENT || ancestor.kind === Kind.OBJECT_FIELD));
        path = named.map((ancestor) => ancestor.name.value).join('.') || null;
        return BREAK;
      },
    });
  } catch {
    return null;
  }
  return path;
}

/**
 * A stable code for an error that graphql-js raised before execution, where Apollo would add one
 * over HTTP (over WebSocket nothing does): bad variable or literal values, or an invalid document.
 */
export function withCode(error: GraphQLError): GraphQLError {
  if (error.extensions.code !== undefined || (error.originalError && !(error.originalError instanceof GraphQLError))) return error;
  const code = /^Variable "\$/.test(error.message) || isBadLiteral(error) ? ErrorCode.BAD_USER_INPUT : 'GRAPHQL_VALIDATION_FAILED';
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions: { ...error.extensions, code } });
}

/**
 * The last stop of every error: codes a client can act on, and nothing internal leaked.
 * - A literal of the wrong shape for an input type (a `Date` of "2024-02-31", an unknown enum
 *   value) fails GraphQL validation; it is bad user input all the same, and gets that code as
 *   the same value passed in a variable does.
 * - An error that is not one of ours (a bug, a database failure) is logged and, in production,
 *   reported as "Internal server error" only.
 */
export function createErrorFormatter(logger: Logger, production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    // Apollo reports every validation error as GRAPHQL_VALIDATION_FAILED; a limit keeps its own code.
    if (error instanceof GraphQLError && error.originalError instanceof LimitExceededError) {
      return { ...formatted, extensions: { ...formatted.extensions, code: error.originalError.extensions.code } };
    }
    if ((code === 'GRAPHQL_VALIDATION_FAILED' || code === ErrorCode.BAD_USER_INPUT) && isBadLiteral(error)) {
      const path = literalPath(error as GraphQLError);
      return { ...formatted, message: path ? `${path}: ${formatted.message}` : formatted.message, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
    }
    // Apollo's own refusals of a request (an APQ hash that does not match its query) carry a 4xx status but no code.
    const status = error instanceof GraphQLError ? (error.extensions.http as { status?: number } | undefined)?.status : undefined;
    if (code === ErrorCode.INTERNAL_SERVER_ERROR && status !== undefined && status >= 400 && status < 500) {
      return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } };
    }
    // graphql-js wraps what a resolver or a subscription stream throws; what counts is what was thrown.
    const original = error instanceof GraphQLError && error.originalError ? error.originalError : unwrapResolverError(error);
    if (original instanceof GraphQLError || (code !== undefined && code !== ErrorCode.INTERNAL_SERVER_ERROR)) return formatted;
    const fault = databaseFault(original);
    if (fault) {
      logger.warn({ err: original, path: formatted.path }, 'the database could not answer a read');
      return { message: fault.message, locations: formatted.locations, path: formatted.path, extensions: { code: fault.extensions.code, retryable: true } };
    }
    // A client that went away while being answered (a subscriber cut off mid-send) is no fault of ours.
    const systemCode = (original as { code?: unknown } | undefined)?.code;
    if (systemCode === 'EPIPE' || systemCode === 'ECONNRESET' || systemCode === 'ERR_STREAM_DESTROYED') logger.info({ err: original, path: formatted.path }, 'the client went away while being answered');
    else logger.error({ err: original, path: formatted.path }, 'unexpected error while executing a GraphQL operation');
    if (!production) return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR } };
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}
