import type { Conflict } from './conflict-rules';

export interface ConflictCheck {
  conflicts: Conflict[];
  /** The CMDB has not answered for the change's current CIs: dependencies and services unknown. */
  footprintPending: boolean;
}

export type SchedulingDecision =
  /** No conflict; `ownCisOnly` when the CMDB had not answered and related CIs were not looked at. */
  | { kind: 'clear'; ownCisOnly: boolean }
  | { kind: 'conflicts'; check: ConflictCheck }
  | { kind: 'override-invalid' }
  | { kind: 'override-forbidden'; check: ConflictCheck }
  | { kind: 'overridden'; reason: string; check: ConflictCheck };

/**
 * Whether a change may be scheduled: without conflicts; otherwise only by a change manager
 * overriding with a reason. Before the CMDB has answered for its CIs only the CIs themselves can be
 * checked: the change is scheduled on that (and says so), because blocking would stop every change
 * while the CMDB is away, and a change scheduled later still finds this one through its own
 * footprint (conflicts are symmetric).
 */
export function schedulingDecision(
  check: ConflictCheck,
  override: { reason?: string } | undefined,
  mayOverride: boolean,
): SchedulingDecision {
  if (check.conflicts.length === 0) return { kind: 'clear', ownCisOnly: check.footprintPending };
  if (override === undefined) return { kind: 'conflicts', check };
  const reason = override.reason?.trim();
  if (!reason) return { kind: 'override-invalid' };
  if (!mayOverride) return { kind: 'override-forbidden', check };
  return { kind: 'overridden', reason, check };
}
