const UNIQUE_VIOLATION = '23505';
const LOCK_NOT_AVAILABLE = '55P03';

function postgresCode(error: unknown): { code?: string; constraint?: string } {
  const cause = (error as { driverError?: unknown }).driverError ?? error;
  return (cause ?? {}) as { code?: string; constraint?: string };
}

/** The unique constraint (or index) a failed statement broke, if that is why it failed. */
export function brokenUniqueConstraint(error: unknown): string | undefined {
  const { code, constraint } = postgresCode(error);
  return code === UNIQUE_VIOLATION ? constraint : undefined;
}

/** A `NOWAIT` lock (or one past `lock_timeout`) that another transaction held. */
export function isLockNotAvailable(error: unknown): boolean {
  return postgresCode(error).code === LOCK_NOT_AVAILABLE;
}
