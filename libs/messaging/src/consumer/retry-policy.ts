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

export type DeadLetterReason = 'invalid' | 'exhausted' | 'permanent';

/** The headers that tell an operator why an event is in the dead-letter topic and where it came from. */
export function deadLetterHeaders(details: {
  reason: DeadLetterReason;
  error: string;
  attempts: number;
  topic: string;
  partition: number;
  offset: string;
  subscription: string;
  failedAt: Date;
}): Record<string, string> {
  return {
    dlq_reason: details.reason,
    dlq_error: details.error.slice(0, 2000),
    dlq_attempts: String(details.attempts),
    dlq_topic: details.topic,
    dlq_partition: String(details.partition),
    dlq_offset: details.offset,
    dlq_subscription: details.subscription,
    dlq_failed_at: details.failedAt.toISOString(),
  };
}
