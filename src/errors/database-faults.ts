import { DatabaseFaultError, ErrorCode } from './errors';

/** The code SQLite or PostgreSQL gave a failure, through TypeORM's QueryFailedError or straight from the driver. */
function driverCode(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' ? code : undefined;
}

/** PostgreSQL SQLSTATE classes and codes that mean "not now" rather than "wrong". */
const POSTGRES_BUSY = new Set(['55P03', '40001', '40P01']); // lock_not_available, serialization_failure, deadlock_detected
const POSTGRES_FULL = new Set(['53100']); // disk_full
const POSTGRES_UNAVAILABLE_CLASSES = ['08', '53', '57P']; // connection exception, insufficient resources, operator intervention
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);

/**
 * A database failure that is the database's state, not the request's fault, as the error a client is given:
 * DATABASE_FULL, DATABASE_BUSY or DATABASE_UNAVAILABLE, all retryable. Null for anything else (a bug is not a fault).
 */
export function databaseFault(error: unknown): DatabaseFaultError | null {
  if (error instanceof DatabaseFaultError) return error;
  const code = driverCode(error);
  if (code === undefined) {
    return error instanceof Error && /Connection terminated|connection timeout|Client has encountered a connection error/i.test(error.message)
      ? new DatabaseFaultError(ErrorCode.DATABASE_UNAVAILABLE, 'The database cannot be reached; nothing was written. Retry in a moment.')
      : null;
  }
  if (code === 'SQLITE_FULL' || POSTGRES_FULL.has(code)) {
    return new DatabaseFaultError(ErrorCode.DATABASE_FULL, "The database's disk is full; nothing was written. Retry once an operator has made room.", 30);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || POSTGRES_BUSY.has(code)) {
    return new DatabaseFaultError(ErrorCode.DATABASE_BUSY, 'The database is busy (another process holds its write lock); nothing was written. Retry in a moment.');
  }
  if (/^SQLITE_(IOERR|READONLY|CANTOPEN|PROTOCOL|NOMEM)/.test(code) || POSTGRES_UNAVAILABLE_CLASSES.some((prefix) => code.startsWith(prefix)) || NETWORK_CODES.has(code)) {
    return new DatabaseFaultError(ErrorCode.DATABASE_UNAVAILABLE, 'The database cannot take this request now; nothing was written. Retry in a moment.', 5);
  }
  return null;
}
