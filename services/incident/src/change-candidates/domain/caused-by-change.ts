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

export interface ChangeWindow {
  start: Date;
  end: Date;
  /** The last moment an incident opened on its CIs is a candidate: the end plus 24 h. */
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

/** An incident opened during the window or up to 24 h after it may have been caused by the change. */
export function isCausedByChangeCandidate(openedAt: Date, window: ChangeWindow): boolean {
  return window.start <= openedAt && openedAt <= window.linkUntil;
}
