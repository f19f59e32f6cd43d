import { GraphQLError } from 'graphql';

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

/** Refuses a resumption from a cursor too far back: the client reads what it missed as a list, then subscribes from there. */
export class ReplayTooLongError extends GraphQLError {
  constructor(maximum: number) {
    super(
      `More than ${maximum} events were added after this cursor (MAX_REPLAY_EVENTS): read them with events(orderBy: { field: CREATED_AT, direction: ASC }, after:) from the same cursor, then subscribe with the addedCursor of the last one`,
      { extensions: { code: 'REPLAY_TOO_LONG', maximum } },
    );
  }
}

/** Ends a subscription whose client does not keep up; it resumes with eventAdded(after:) from the last cursor it has. */
export class SubscriberTooSlowError extends GraphQLError {
  constructor(backlog: number) {
    super(`This subscription fell more than ${backlog} messages behind and was ended; subscribe again (eventAdded(after:) resumes without a gap)`, {
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

/** The live feed lost its connection (to Redis): events may be missing, so the subscription ends; it resumes with eventAdded(after:). */
export class FeedInterruptedError extends GraphQLError {
  constructor() {
    super('The live feed lost its connection and may have missed events; subscribe again in a moment (eventAdded(after:) with the last addedCursor resumes without a gap)', {
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
