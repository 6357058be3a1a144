const UNIQUE_VIOLATION = '23505';
/** Lost to another transaction: a lock not had at once (NOWAIT, lock_timeout), a deadlock, a serialization failure. */
const CONCURRENCY_FAILURES = new Set(['55P03', '40P01', '40001']);

function postgresCode(error: unknown): { code?: string; constraint?: string } {
  const cause = (error as { driverError?: unknown }).driverError ?? error;
  return (cause ?? {}) as { code?: string; constraint?: string };
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
