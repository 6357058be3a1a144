import type { Conflict } from './conflict-rules';

export interface ConflictCheck {
  conflicts: Conflict[];
  /** The CMDB has not answered for the change's current CIs: dependencies and services unknown. */
  footprintPending: boolean;
}

export type SchedulingDecision =
  | { kind: 'clear' }
  | { kind: 'conflicts'; check: ConflictCheck }
  | { kind: 'pending'; check: ConflictCheck }
  | { kind: 'override-invalid' }
  | { kind: 'override-forbidden'; check: ConflictCheck }
  | { kind: 'overridden'; reason: string; check: ConflictCheck };

/**
 * Whether a change may be scheduled: without conflicts, once the CMDB has answered for its CIs;
 * otherwise only by a change manager overriding with a reason. A check that could not look at
 * dependencies (no answer yet) blocks like a conflict: scheduling never looks safer than it is.
 */
export function schedulingDecision(
  check: ConflictCheck,
  override: { reason?: string } | undefined,
  mayOverride: boolean,
): SchedulingDecision {
  if (check.conflicts.length === 0 && !check.footprintPending) return { kind: 'clear' };
  if (override === undefined) {
    return check.conflicts.length > 0 ? { kind: 'conflicts', check } : { kind: 'pending', check };
  }
  const reason = override.reason?.trim();
  if (!reason) return { kind: 'override-invalid' };
  if (!mayOverride) return { kind: 'override-forbidden', check };
  return { kind: 'overridden', reason, check };
}
