import type { EntityManager } from 'typeorm';
import type { SlaClockTable } from './sla-clock-table';

const BATCH = 100;
const RETRY_AFTER_FAILURE_MS = 60_000;

export interface SlaTimerLog {
  error(message: string): void;
}

/**
 * One run of an SLA timer, in the caller's transaction (a `RecurringJob` of every replica):
 * claims the clocks due (`SlaClockTable.claimDue`) and fires each (`fire`: announce the alerts
 * reached and not sent, each at the moment it was reached, and store the clock) in a savepoint
 * of its own, so that a clock that cannot be evaluated is set aside for a minute and does not
 * hold back the rest. Returns how many clocks it claimed.
 */
export async function runSlaTimerBatch(
  manager: EntityManager,
  table: SlaClockTable,
  fire: (manager: EntityManager, clockId: string, now: Date) => Promise<unknown>,
  now: Date,
  log: SlaTimerLog,
): Promise<number> {
  const due = await table.claimDue(manager, now, BATCH);
  for (const clockId of due) {
    try {
      await manager.transaction((inner) => fire(inner, clockId, now));
    } catch (error) {
      log.error(`SLA clock ${clockId} could not be evaluated: ${(error as Error).message}`);
      await table.wakeAt(manager, clockId, new Date(now.getTime() + RETRY_AFTER_FAILURE_MS));
    }
  }
  return due.length;
}
