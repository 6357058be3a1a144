/** A span of time, the end excluded: a window ending at 02:00 and one starting at 02:00 do not meet. */
export interface TimeWindow {
  start: Date;
  end: Date;
}

export function overlaps(a: TimeWindow, b: TimeWindow): boolean {
  return a.start < b.end && b.start < a.end;
}

/** A window that ends before (or when) it starts is no window. */
export function isEmptyWindow(window: TimeWindow): boolean {
  return !(window.start < window.end);
}
