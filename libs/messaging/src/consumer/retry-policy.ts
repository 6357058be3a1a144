import { PermanentEventError } from './consumed-event';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
};

/** Exponential backoff with full jitter: the wait after the given failed attempt (1-based). */
export function retryDelayMs(
  policy: RetryPolicy,
  failedAttempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** What follows a failed attempt: another one after a wait, or the dead-letter topic and why. */
export type AfterFailure = { retryAfterMs: number } | { deadLetter: 'permanent' | 'exhausted' };

/** A `PermanentEventError` is never retried; any other error is, until the attempts run out. */
export function afterFailure(
  policy: RetryPolicy,
  failedAttempt: number,
  error: unknown,
  random: () => number = Math.random,
): AfterFailure {
  if (error instanceof PermanentEventError) return { deadLetter: 'permanent' };
  if (failedAttempt >= policy.maxAttempts) return { deadLetter: 'exhausted' };
  return { retryAfterMs: retryDelayMs(policy, failedAttempt, random) };
}
