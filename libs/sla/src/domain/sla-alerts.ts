import type { AppliedSlaClock } from './sla-clock';
import type { SlaAlert, SlaDefinition } from './sla-definition';

/** The thresholds the clock has passed that were not announced yet, in the order passed. */
export function unsentAlerts(clock: AppliedSlaClock, sent: readonly number[]): SlaAlert[] {
  return clock.alerts.filter((alert) => !sent.includes(alert.percent));
}

/**
 * When the clock next needs its timer: when the first alert not sent yet was passed (so at once),
 * else when the next threshold will be, if nothing changes; null when nothing is left to announce.
 */
export function nextAlertAt(clock: AppliedSlaClock, sent: readonly number[]): Date | null {
  return unsentAlerts(clock, sent)[0]?.at ?? clock.nextAlert?.at ?? null;
}

/** What an alert tells besides its instant: the clock's due time, the working time it stands for. */
export function alertFacts(
  definition: Pick<SlaDefinition, 'durationSeconds'>,
  clock: AppliedSlaClock,
  alert: SlaAlert,
): { dueAt: Date; elapsedSeconds: number } {
  return {
    dueAt: clock.breachedAt ?? clock.dueAt ?? alert.at,
    elapsedSeconds: Math.round((definition.durationSeconds * alert.percent) / 100),
  };
}
