import { slaView, type SlaRow } from './sla-view';

const HOUR = 3600;
// Mon–Fri 09:00–17:00 in Berlin (UTC+1 in winter)
const businessHours = {
  time_zone: 'Europe/Berlin',
  kind: 'business_hours' as const,
  hours: [1, 2, 3, 4, 5].map((day) => ({ day: day as 1, start: '09:00', end: '17:00' })),
  holidays: [],
};

function row(overrides: Partial<SlaRow>): SlaRow {
  return {
    id: 's1',
    definition_id: 'd1',
    name: 'P3 resolution',
    target: 'resolution',
    duration_seconds: 8 * HOUR,
    stage: 'in_progress',
    started_at: new Date('2026-11-27T08:00:00Z'),
    elapsed_seconds: 0,
    // Opened Friday 09:00 local; 8 working hours run out Friday 17:00 local
    due_at: new Date('2026-11-27T16:00:00Z'),
    breached_at: null,
    ended_at: null,
    updated_at: new Date('2026-11-27T08:00:00Z'),
    ...businessHours,
    ...overrides,
  };
}

/** The default clock as the timer left it when it announced the breach, Friday 17:00 local. */
const BREACH = new Date('2026-11-27T16:00:00Z');
const breachedClock = (overrides: Partial<SlaRow>) =>
  row({ stage: 'breached', breached_at: BREACH, ...overrides });

describe('slaView', () => {
  it('shows a running clock as of now, not as of its last computation', () => {
    const view = slaView(row({}), new Date('2026-11-27T12:00:00Z'));
    expect(view).toMatchObject({
      elapsedSeconds: 4 * HOUR,
      percentElapsed: 50,
      stage: 'in_progress',
    });
  });

  it('counts only working time: nothing passes over the weekend', () => {
    // Two business days; 4 hours counted by Friday 13:00 local
    const twoDays = row({
      duration_seconds: 16 * HOUR,
      elapsed_seconds: 4 * HOUR,
      updated_at: new Date('2026-11-27T12:00:00Z'),
      due_at: new Date('2026-11-30T16:00:00Z'),
    });
    const friday = slaView(twoDays, new Date('2026-11-27T16:00:00Z'));
    const sunday = slaView(twoDays, new Date('2026-11-29T16:00:00Z'));
    const monday = slaView(twoDays, new Date('2026-11-30T10:00:00Z')); // 11:00 local
    expect([friday, sunday, monday].map((v) => v.elapsedSeconds / HOUR)).toEqual([8, 8, 10]);
  });

  it('shows a running clock past its due time as breached, with the working time beyond it', () => {
    const view = slaView(row({}), new Date('2026-11-30T09:00:00Z')); // Monday 10:00 local
    expect(view).toMatchObject({
      stage: 'breached',
      breachedAt: BREACH,
      elapsedSeconds: 9 * HOUR,
      percentElapsed: 112,
    });
  });

  it('counts on for a clock the timer has already marked breached', () => {
    const breached = breachedClock({ elapsed_seconds: 8 * HOUR, updated_at: BREACH });
    expect(slaView(breached, new Date('2026-11-30T10:00:00Z'))).toMatchObject({
      stage: 'breached',
      breachedAt: BREACH,
      elapsedSeconds: 10 * HOUR, // Friday's 8 hours, then Monday 09:00–11:00 local
      percentElapsed: 125,
    });
  });

  it('does not count again the time a breached clock spent on hold', () => {
    // Breached Friday 17:00 local, on hold all Monday, resumed Tuesday 09:00 local with 9 hours counted
    const resumed = breachedClock({
      elapsed_seconds: 9 * HOUR,
      updated_at: new Date('2026-12-01T08:00:00Z'),
    });
    expect(slaView(resumed, new Date('2026-12-01T10:00:00Z')).elapsedSeconds).toBe(11 * HOUR);
  });

  it('keeps the stored figures of a breached clock that has ended', () => {
    const ended = breachedClock({
      due_at: null,
      ended_at: new Date('2026-11-30T09:00:00Z'),
      elapsed_seconds: 9 * HOUR,
    });
    expect(slaView(ended, new Date('2026-12-24T12:00:00Z')).elapsedSeconds).toBe(9 * HOUR);
    // A due time left on an ended clock (stored before retired definitions cleared it) counts no more.
    const stopped = { ...ended, due_at: BREACH };
    expect(slaView(stopped, new Date('2026-12-24T12:00:00Z')).elapsedSeconds).toBe(9 * HOUR);
  });

  it('keeps the stored figures of a clock that is paused', () => {
    const paused = row({ stage: 'paused', due_at: null, elapsed_seconds: 2 * HOUR });
    expect(slaView(paused, new Date('2026-12-24T12:00:00Z'))).toMatchObject({
      elapsedSeconds: 2 * HOUR,
      percentElapsed: 25,
      stage: 'paused',
    });
  });
});
