import type { Schedule } from '@itsm/calendar';
import type { SubjectPhase } from './clock-run';
import { slaClock, type AppliedSlaClock, type ClockRules, type TimelinePoint } from './sla-clock';
import type { SlaDefinition } from './sla-definition';

/** A subject that is not an incident: a catalog request, delivered, awaiting the requester, or withdrawn. */
interface RequestPoint extends TimelinePoint {
  state: 'submitted' | 'awaiting_requester' | 'fulfilled' | 'withdrawn';
  express: boolean;
}

const HOUR = 3600;
const at = (iso: string) => new Date(iso);
const weekdays: Schedule = {
  timeZone: 'Europe/Paris',
  kind: 'business_hours',
  hours: ([1, 2, 3, 4, 5] as const).map((day) => ({ day, start: '09:00', end: '17:00' })),
  holidays: [],
};
const delivery: SlaDefinition<'delivery'> = {
  id: 'd1',
  name: 'Express delivery (1 business day)',
  target: 'delivery',
  durationSeconds: 8 * HOUR,
  schedule: weekdays,
};
const phases: Record<RequestPoint['state'], SubjectPhase> = {
  submitted: 'counting',
  awaiting_requester: 'paused',
  fulfilled: 'met',
  withdrawn: 'canceled',
};
const rules: ClockRules<RequestPoint> = {
  phaseOf: (point) => phases[point.state],
  holds: (point) => point.express,
};
const point = (iso: string, state: RequestPoint['state'], express = true): RequestPoint => ({
  at: at(iso),
  state,
  express,
});
const applied = (timeline: RequestPoint[], now: string): AppliedSlaClock => {
  const clock = slaClock(delivery, timeline, at(now), rules);
  if (!clock.applies) throw new Error('The definition does not apply');
  return clock;
};

// Monday 5 January 2026, Paris is UTC+1.
describe('slaClock, for any subject', () => {
  it('counts working time on the schedule from the opening', () => {
    const clock = applied([point('2026-01-05T12:00:00Z', 'submitted')], '2026-01-05T15:00:00Z');
    expect(clock).toMatchObject({ stage: 'in_progress', elapsedSeconds: 3 * HOUR });
    expect(clock.dueAt).toEqual(at('2026-01-06T12:00:00Z'));
    expect(clock.nextAlert).toEqual({ percent: 50, at: at('2026-01-05T16:00:00Z') });
  });

  it('pauses in the phase the subject calls paused', () => {
    const timeline = [
      point('2026-01-05T12:00:00Z', 'submitted'),
      point('2026-01-05T13:00:00Z', 'awaiting_requester'),
    ];
    expect(applied(timeline, '2026-01-07T12:00:00Z')).toMatchObject({
      stage: 'paused',
      elapsedSeconds: HOUR,
      dueAt: null,
    });
  });

  it('is achieved when the subject reaches its milestone in time', () => {
    const timeline = [
      point('2026-01-05T12:00:00Z', 'submitted'),
      point('2026-01-06T11:00:00Z', 'fulfilled'),
    ];
    expect(applied(timeline, '2026-01-09T12:00:00Z')).toMatchObject({
      stage: 'achieved',
      endedAt: at('2026-01-06T11:00:00Z'),
      alerts: [
        { percent: 50, at: at('2026-01-05T16:00:00Z') },
        { percent: 75, at: at('2026-01-06T10:00:00Z') },
      ],
    });
  });

  it('is cancelled with the subject', () => {
    const timeline = [
      point('2026-01-05T12:00:00Z', 'submitted'),
      point('2026-01-05T14:00:00Z', 'withdrawn'),
    ];
    expect(applied(timeline, '2026-01-06T12:00:00Z')).toMatchObject({ stage: 'cancelled' });
  });

  it('applies only where the start condition the subject gives has held', () => {
    const standard = [point('2026-01-05T12:00:00Z', 'submitted', false)];
    expect(slaClock(delivery, standard, at('2026-01-05T15:00:00Z'), rules)).toEqual({
      applies: false,
    });
    const downgraded = [
      ...standard.map((p) => ({ ...p, express: true })),
      point('2026-01-05T14:00:00Z', 'submitted', false),
    ];
    expect(applied(downgraded, '2026-01-05T15:00:00Z')).toMatchObject({
      stage: 'cancelled',
      elapsedSeconds: 2 * HOUR,
      endedAt: at('2026-01-05T14:00:00Z'),
    });
  });
});
