/** How long after a change's window an incident on its CIs may still be one it caused. */
export const CANDIDATE_HORIZON_MS = 24 * 3600 * 1000;

/** What the rule reads of a closed change (its `change.closed` event). */
export interface ClosedChangeTimes {
  plannedStart?: string;
  plannedEnd?: string;
  actualStart?: string;
  actualEnd?: string;
  closedAt: string;
}

/**
 * An incident on the change's CIs opened from `start` to `linkUntil` (both included) may have been
 * caused by it: during the window or up to 24 h after its end (`link-change-candidates` selects
 * them with these bounds).
 */
export interface ChangeWindow {
  start: Date;
  end: Date;
  /** The end plus 24 h. */
  linkUntil: Date;
}

const at = (value: string | undefined) => (value === undefined ? [] : [new Date(value).getTime()]);

/**
 * The window a change ran in: from the earlier of its planned and actual start to the later of its
 * planned and actual end, so that work begun early or overrunning its plan counts. A change
 * without an end closes its window when it closed; one without a start opens it at its end.
 */
export function changeWindow(change: ClosedChangeTimes): ChangeWindow {
  const ends = [...at(change.plannedEnd), ...at(change.actualEnd)];
  const end = ends.length > 0 ? Math.max(...ends) : new Date(change.closedAt).getTime();
  const starts = [...at(change.plannedStart), ...at(change.actualStart)];
  const start = starts.length > 0 ? Math.min(...starts, end) : end;
  return {
    start: new Date(start),
    end: new Date(end),
    linkUntil: new Date(end + CANDIDATE_HORIZON_MS),
  };
}
