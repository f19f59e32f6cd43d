import { type ASTNode, GraphQLError } from 'graphql';

/** Stable `extensions.code` values a client can switch on. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  DATABASE_FULL: 'DATABASE_FULL',
  DATABASE_BUSY: 'DATABASE_BUSY',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export class BadUserInputError extends GraphQLError {
  constructor(message: string, argumentName?: string) {
    super(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argumentName ? { argumentName } : {}) } });
  }
}

export class NotFoundError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.NOT_FOUND } });
  }
}

/** No credentials, or ones not accepted: HTTP 401 with the challenge RFC 6750 asks for. */
export class UnauthenticatedError extends GraphQLError {
  constructor(message: string, invalidToken = false) {
    const challenge = invalidToken ? 'Bearer realm="kb-graphql", error="invalid_token"' : 'Bearer realm="kb-graphql"';
    super(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401, headers: new Map([['www-authenticate', challenge]]) } } });
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } });
  }
}

/** The change is valid on its own but not against what is stored (deleting a fact others cite). */
export class ConflictError extends GraphQLError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code: ErrorCode.CONFLICT, ...details } });
  }
}

/** Ends a subscription whose client does not keep up; one that takes a cursor resumes from the last it has. */
export class SubscriberTooSlowError extends GraphQLError {
  constructor(backlog: number) {
    super(`This subscription fell more than ${backlog} messages behind and was ended; subscribe again (a subscription that takes after: resumes from the last cursor received without a gap)`, {
      extensions: { code: 'SUBSCRIBER_TOO_SLOW' },
    });
  }
}

export type DatabaseFaultCode = typeof ErrorCode.DATABASE_FULL | typeof ErrorCode.DATABASE_BUSY | typeof ErrorCode.DATABASE_UNAVAILABLE;

/**
 * The database could not take the request (its disk is full, another process holds its write lock, it is
 * unreachable): nothing was written, and the very same request may be sent again later (HTTP 503, Retry-After).
 */
export class DatabaseFaultError extends GraphQLError {
  constructor(code: DatabaseFaultCode, message: string, retryAfterSeconds = 1) {
    super(message, { extensions: { code, retryable: true, http: { status: 503, headers: new Map([['retry-after', String(retryAfterSeconds)]]) } } });
  }
}

/** The live feed lost its connection (to Redis): messages may be missing, so the subscription ends; one that takes a cursor resumes without a gap. */
export class FeedInterruptedError extends GraphQLError {
  constructor() {
    super('The live feed lost its connection and may have missed changes; subscribe again in a moment (a subscription that takes after: resumes from the last cursor received without a gap)', {
      extensions: { code: 'FEED_INTERRUPTED', retryable: true },
    });
  }
}

/** An operation that ran past REQUEST_TIME_BUDGET_MS: what it had not read yet is refused, so that it ends. */
export class TimeBudgetExceededError extends GraphQLError {
  constructor(budgetMs: number) {
    super(`This operation ran longer than ${budgetMs} ms (REQUEST_TIME_BUDGET_MS) and was cut short; ask for fewer items or fewer nested lists`, {
      extensions: { code: 'TIME_BUDGET_EXCEEDED', budgetMs },
    });
  }
}

export type LimitCode = 'DOCUMENT_TOO_LARGE' | 'TOO_MANY_TOKENS' | 'QUERY_TOO_DEEP' | 'TOO_MANY_ALIASES' | 'TOO_MANY_ROOT_FIELDS' | 'TOO_MANY_DIRECTIVES' | 'INTROSPECTION_TOO_LARGE';

/** An operation that is larger than a limit allows; refused before it runs, with the code of the limit (HTTP 400). */
export class LimitExceededError extends GraphQLError {
  constructor(code: LimitCode, message: string, nodes?: ASTNode | readonly ASTNode[]) {
    super(message, { nodes, extensions: { code, http: { status: 400 } } });
  }
}
