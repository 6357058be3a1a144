import { PermanentEventError } from './consumed-event';
import { afterFailure, DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retry-policy';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };
const highest = () => 1;
const lowest = () => 0;

describe('retryDelayMs: exponential backoff with jitter', () => {
  it('doubles the longest wait after each failed attempt', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(policy, attempt, highest))).toEqual([
      100, 200, 400, 800,
    ]);
  });

  it('never waits less than half the longest wait', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(policy, attempt, lowest))).toEqual([
      50, 100, 200, 400,
    ]);
  });

  it('draws the wait between half and all of the longest wait', () => {
    expect(retryDelayMs(policy, 3, () => 0.5)).toBe(300);
  });

  it('stops growing at maxDelayMs', () => {
    expect(retryDelayMs(policy, 5, highest)).toBe(1000);
    expect(retryDelayMs(policy, 30, highest)).toBe(1000);
    expect(retryDelayMs(policy, 30, lowest)).toBe(500);
  });

  it('waits whole milliseconds', () => {
    expect(Number.isInteger(retryDelayMs(policy, 1, () => 0.123456))).toBe(true);
  });

  it('by default tries five times, starting at 200 ms and waiting at most 10 s', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 10_000 });
  });
});

describe('afterFailure: retry or dead-letter', () => {
  it('retries a failed attempt after the backoff while attempts remain', () => {
    expect(afterFailure(policy, 1, new Error('the database is busy'), highest)).toEqual({
      retryAfterMs: 100,
    });
    expect(afterFailure(policy, 3, new Error('the database is busy'), highest)).toEqual({
      retryAfterMs: 400,
    });
  });

  it('dead-letters as exhausted when the last attempt fails', () => {
    expect(afterFailure(policy, 4, new Error('the database is busy'))).toEqual({
      deadLetter: 'exhausted',
    });
  });

  it('retries whatever is thrown, not only errors', () => {
    expect(afterFailure(policy, 1, 'a string', highest)).toEqual({ retryAfterMs: 100 });
  });

  it('dead-letters a PermanentEventError at once, without a retry', () => {
    expect(afterFailure(policy, 1, new PermanentEventError('no rule for the field'))).toEqual({
      deadLetter: 'permanent',
    });
  });
});
