/**
 * When `npm start` restarts a service that crashed, as Kubernetes would: after a delay that doubles
 * with each recent crash, and not at all once a service keeps crashing (a crash loop needs a
 * person, not more restarts).
 */
export interface RestartPolicy {
  /** The delay before the first restart; each further crash in the window doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** This many crashes within `windowMs` and the service is left stopped. */
  maxCrashes: number;
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxCrashes: 5,
  windowMs: 10 * 60_000,
};

export type RestartDecision =
  | { action: 'restart'; delayMs: number; recentCrashes: number }
  | { action: 'give-up'; recentCrashes: number };

/** What to do after a crash at `now`, given the times of every crash so far (this one included). */
export function afterCrash(
  policy: RestartPolicy,
  crashTimes: readonly number[],
  now: number,
): RestartDecision {
  const recentCrashes = crashTimes.filter((time) => now - time < policy.windowMs).length;
  if (recentCrashes >= policy.maxCrashes) return { action: 'give-up', recentCrashes };
  const delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (recentCrashes - 1));
  return { action: 'restart', delayMs, recentCrashes };
}
