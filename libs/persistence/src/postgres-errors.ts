const UNIQUE_VIOLATION = '23505';
/** Lost to another transaction: a lock not had at once (NOWAIT, lock_timeout), a deadlock, a serialization failure. */
const CONCURRENCY_FAILURES = new Set(['55P03', '40P01', '40001']);

/** The PostgreSQL error behind `error`: itself, TypeORM's `driverError`, or a `cause` it wraps. */
function postgresCode(error: unknown, depth = 0): { code?: string; constraint?: string } {
  if (typeof error !== 'object' || error === null) return {};
  const { code, driverError, cause } = error as {
    code?: unknown;
    driverError?: unknown;
    cause?: unknown;
  };
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return error as { code: string };
  const inner = driverError ?? cause;
  return depth < 5 && inner !== undefined && inner !== error ? postgresCode(inner, depth + 1) : {};
}

/** The unique constraint (or index) a failed statement broke, if that is why it failed. */
export function brokenUniqueConstraint(error: unknown): string | undefined {
  const { code, constraint } = postgresCode(error);
  return code === UNIQUE_VIOLATION ? constraint : undefined;
}

/** Whether the statement failed only because of another transaction: worth trying again later. */
export function isConcurrencyFailure(error: unknown): boolean {
  return CONCURRENCY_FAILURES.has(postgresCode(error).code ?? '');
}
