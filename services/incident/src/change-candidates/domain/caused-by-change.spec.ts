import { changeWindow, type ChangeWindow } from './caused-by-change';

const HOUR = 3600 * 1000;
const planned = {
  plannedStart: '2026-12-05T22:00:00.000Z',
  plannedEnd: '2026-12-05T23:00:00.000Z',
  closedAt: '2026-12-06T08:00:00.000Z',
};
/** The bounds the linking query applies, both included. */
const isCandidate = (openedAt: string, window: ChangeWindow, offsetMs = 0) => {
  const at = new Date(openedAt).getTime() + offsetMs;
  return window.start.getTime() <= at && at <= window.linkUntil.getTime();
};

describe('"caused by change" candidates', () => {
  const window = changeWindow(planned);

  it('takes incidents opened during the window', () => {
    expect(isCandidate('2026-12-05T22:30:00Z', window)).toBe(true);
    expect(isCandidate('2026-12-05T22:00:00Z', window)).toBe(true);
  });

  it('takes incidents opened up to 24 h after the window, and not a moment later', () => {
    expect(window.linkUntil.toISOString()).toBe('2026-12-06T23:00:00.000Z');
    expect(isCandidate('2026-12-06T23:00:00Z', window)).toBe(true);
    expect(isCandidate('2026-12-06T23:00:00Z', window, 1)).toBe(false);
  });

  it('leaves out incidents opened before the change began', () => {
    expect(isCandidate('2026-12-05T22:00:00Z', window, -1)).toBe(false);
  });

  it('stretches the window over work begun early or overrunning its plan', () => {
    const overrun = changeWindow({
      ...planned,
      actualStart: '2026-12-05T21:50:00.000Z',
      actualEnd: '2026-12-06T01:00:00.000Z',
    });
    expect(overrun.start.toISOString()).toBe('2026-12-05T21:50:00.000Z');
    expect(overrun.end.toISOString()).toBe('2026-12-06T01:00:00.000Z');
    expect(isCandidate('2026-12-07T00:30:00Z', overrun)).toBe(true);
  });

  it('ends the window of an unplanned change when it closed', () => {
    const unplanned = changeWindow({
      actualStart: '2026-12-05T22:00:00.000Z',
      closedAt: planned.closedAt,
    });
    expect(unplanned.end.toISOString()).toBe(planned.closedAt);
    expect(unplanned.linkUntil.getTime() - unplanned.end.getTime()).toBe(24 * HOUR);
  });

  it('opens the window of a change without a start at its end', () => {
    const endOnly = changeWindow({ plannedEnd: planned.plannedEnd, closedAt: planned.closedAt });
    expect(endOnly.start).toEqual(endOnly.end);
  });
});
