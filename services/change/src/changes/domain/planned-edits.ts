import { sameCis } from '../../risk/domain/impact-match';
import type { ChangeState } from './change-states';

/** What was assessed, authorised and checked for conflicts: the CIs and the planned window. */
export interface PlannedScope {
  affectedCiIds: readonly string[];
  plannedStart: Date | null;
  plannedEnd: Date | null;
}

export type WindowField = 'plannedStart' | 'plannedEnd';

export type PlannedEditRefusal =
  /** The CIs were assessed and authorised: another scope is another change. */
  | { kind: 'scope-frozen'; state: ChangeState }
  /** The window of a change being implemented is what the deployment gate trusts. */
  | { kind: 'window-frozen'; state: ChangeState; fields: WindowField[] };

/** From Scheduled on, the CIs are the ones authorised (standard changes: pre-approved). */
const SCOPE_FROZEN: readonly ChangeState[] = ['scheduled', 'implement'];
/** In Implement the window is what deployments are allowed in. */
const WINDOW_FROZEN: readonly ChangeState[] = ['implement'];

/** The window fields an edit moved. */
export function movedWindowFields(before: PlannedScope, after: PlannedScope): WindowField[] {
  return (['plannedStart', 'plannedEnd'] as const).filter(
    (field) => before[field]?.getTime() !== after[field]?.getTime(),
  );
}

/**
 * Whether an edit of a change in `state` touches what may no longer change there: the CIs in
 * Scheduled and Implement, the window in Implement. Sending the same values is no edit.
 */
export function plannedEditRefusal(
  state: ChangeState,
  before: PlannedScope,
  after: PlannedScope,
): PlannedEditRefusal | null {
  if (SCOPE_FROZEN.includes(state) && !sameCis(before.affectedCiIds, after.affectedCiIds)) {
    return { kind: 'scope-frozen', state };
  }
  const moved = movedWindowFields(before, after);
  if (WINDOW_FROZEN.includes(state) && moved.length > 0) {
    return { kind: 'window-frozen', state, fields: moved };
  }
  return null;
}

/** A scheduled change whose window moves is checked for conflicts again, as when it was scheduled. */
export function needsSchedulingCheck(
  state: ChangeState,
  before: PlannedScope,
  after: PlannedScope,
): boolean {
  return state === 'scheduled' && movedWindowFields(before, after).length > 0;
}
