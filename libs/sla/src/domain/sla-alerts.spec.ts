import { alertFacts, nextAlertAt, unsentAlerts } from './sla-alerts';
import type { AppliedSlaClock } from './sla-clock';

const at = (iso: string) => new Date(iso);
const clock = (overrides: Partial<AppliedSlaClock>): AppliedSlaClock => ({
  applies: true,
  stage: 'in_progress',
  startedAt: at('2026-01-05T08:00:00Z'),
  elapsedSeconds: 5400,
  dueAt: at('2026-01-05T10:00:00Z'),
  endedAt: null,
  breachedAt: null,
  alerts: [{ percent: 50, at: at('2026-01-05T09:00:00Z') }],
  nextAlert: { percent: 75, at: at('2026-01-05T09:30:00Z') },
  ...overrides,
});

describe('SLA alerts', () => {
  it('announces each threshold passed once', () => {
    expect(unsentAlerts(clock({}), [])).toEqual([{ percent: 50, at: at('2026-01-05T09:00:00Z') }]);
    expect(unsentAlerts(clock({}), [50])).toEqual([]);
  });

  it('wakes the timer at once for an alert not sent, else at the next threshold', () => {
    expect(nextAlertAt(clock({}), [])).toEqual(at('2026-01-05T09:00:00Z'));
    expect(nextAlertAt(clock({}), [50])).toEqual(at('2026-01-05T09:30:00Z'));
    expect(nextAlertAt(clock({ nextAlert: null, stage: 'achieved' }), [50])).toBeNull();
  });

  it('tells the due time and the working time a threshold stands for', () => {
    const warning = { percent: 75 as const, at: at('2026-01-05T09:30:00Z') };
    expect(alertFacts({ durationSeconds: 7201 }, clock({}), warning)).toEqual({
      dueAt: at('2026-01-05T10:00:00Z'),
      elapsedSeconds: 5401,
    });
    const breach = { percent: 100 as const, at: at('2026-01-05T10:00:00Z') };
    const breached = clock({ dueAt: null, stage: 'breached', breachedAt: breach.at });
    expect(alertFacts({ durationSeconds: 7200 }, breached, breach).dueAt).toEqual(breach.at);
  });
});
