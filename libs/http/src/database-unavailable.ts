import { HttpStatus } from '@nestjs/common';
import { problem, type ProblemException } from './problem';

/** What a client is told to wait before trying again while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
/** And after losing to another transaction (a deadlock, a lock not had): the other one ends soon. */
export const BUSY_RETRY_AFTER_SECONDS = 1;

/**
 * PostgreSQL's SQLSTATEs for "not now": the connection exception class (08…), the server shutting
 * down or starting (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now) and 53300
 * too_many_connections.
 */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/** The socket errors of a server that is down or went away. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/** node-postgres and TypeORM say "no connection" in words only. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /is not queryable$/,
  /^Driver not Connected$/,
];

/**
 * True when an error (or one it wraps: TypeORM's `driverError`, a `cause`, an `AggregateError`'s
 * errors) says the database cannot be reached right now, as opposed to a query it refused.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { code, message, driverError, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (
    typeof code === 'string' &&
    (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SOCKET_CODES.has(code))
  )
    return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message)))
    return true;
  const wrapped = [driverError, cause, ...(Array.isArray(errors) ? errors : [])];
  return wrapped.some((inner) => inner !== error && isDatabaseUnavailable(inner, depth + 1));
}

/** 503: the request was not carried out and may be sent again after `Retry-After`. */
export function databaseUnavailable(): ProblemException {
  return problem(
    HttpStatus.SERVICE_UNAVAILABLE,
    'database-unavailable',
    'The database is unavailable',
    `The service cannot reach its database right now. Try again in ${DATABASE_RETRY_AFTER_SECONDS} s.`,
  );
}

/**
 * 503: the transaction lost to another one (a deadlock, a serialization failure, a lock it could not
 * have) after the retries its use case makes, if any. PostgreSQL rolled it back, so nothing was
 * written: the same request may be sent again, unlike after a 500.
 */
export function busy(): ProblemException {
  return problem(
    HttpStatus.SERVICE_UNAVAILABLE,
    'busy',
    'The record is busy',
    `Another request held what this one needed, and nothing was changed. Try again in ${BUSY_RETRY_AFTER_SECONDS} s.`,
  );
}
