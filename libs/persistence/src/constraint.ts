const UNIQUE_VIOLATION = '23505';

/** The unique constraint (or index) a failed statement broke, if that is why it failed. */
export function brokenUniqueConstraint(error: unknown): string | undefined {
  const cause = (error as { driverError?: unknown }).driverError ?? error;
  const { code, constraint } = (cause ?? {}) as { code?: string; constraint?: string };
  return code === UNIQUE_VIOLATION ? constraint : undefined;
}
