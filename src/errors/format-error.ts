import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, GraphQLFormattedError, Kind } from 'graphql';
import type { Logger } from 'pino';
import { databaseFault } from './database-faults';
import { LimitExceededError } from '../limits/operation-limits';
import { ErrorCode } from './errors';

const VALUE_KINDS: ReadonlySet<string> = new Set([Kind.INT, Kind.FLOAT, Kind.STRING, Kind.BOOLEAN, Kind.NULL, Kind.ENUM, Kind.LIST, Kind.OBJECT, Kind.OBJECT_FIELD]);

/** A validation error about a literal argument value ("2024-02-31" for a Date), not about the query's shape. */
function isBadLiteral(error: unknown): boolean {
  return error instanceof GraphQLError && error.nodes !== undefined && error.nodes.length > 0 && error.nodes.every((node) => VALUE_KINDS.has(node.kind));
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
    if (code === 'GRAPHQL_VALIDATION_FAILED' && isBadLiteral(error)) {
      return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
    }
    // graphql-js wraps what a resolver or a subscription stream throws; what counts is what was thrown.
    const original = error instanceof GraphQLError && error.originalError ? error.originalError : unwrapResolverError(error);
    if (original instanceof GraphQLError || (code !== undefined && code !== ErrorCode.INTERNAL_SERVER_ERROR)) return formatted;
    const fault = databaseFault(original);
    if (fault) {
      logger.warn({ err: original, path: formatted.path }, 'the database could not answer a read');
      return { message: fault.message, locations: formatted.locations, path: formatted.path, extensions: { code: fault.extensions.code, retryable: true } };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error while executing a GraphQL operation');
    if (!production) return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR } };
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}
