import type { Schedule } from '@itsm/calendar';
import type { AppliedSlaClock, SlaClock } from '@itsm/sla';
import {
  incidentSlaClock,
  type IncidentSlaDefinition,
  type IncidentTimeline,
  type IncidentTimelinePoint,
} from './incident-sla-clock';
import type { IncidentState } from '../../incidents/domain/incident-states';
import type { Priority } from '../../priority/domain/priority-matrix';
import { DEFAULT_SCHEDULES, DEFAULT_SLA_DEFINITIONS } from './sla-defaults';

const HOUR = 3600;
const at = (iso: string) => new Date(iso);

/** The seeded definitions, with their schedules and the name as id. */
const seeded = Object.fromEntries(
  DEFAULT_SLA_DEFINITIONS.map(({ scheduleName, ...definition }) => {
    const schedule = DEFAULT_SCHEDULES.find(({ name }) => name === scheduleName) as Schedule;
    return [definition.name, { ...definition, id: definition.name, schedule }];
  }),
) as Record<string, IncidentSlaDefinition>;
const definition = (name: string): IncidentSlaDefinition => {
  const found = seeded[name];
  if (!found) throw new Error(`No seeded definition ${name}`);
  return found;
};
const p1Response = definition('Priority 1 response (15 minute)');
const p1Resolution = definition('Priority 1 resolution (8 hour)');
const p2Response = definition('Priority 2 response (1 hour)');
const p2Resolution = definition('Priority 2 resolution (1 business day)');
const p3Response = definition('Priority 3 response (4 hour)');
const p3Resolution = definition('Priority 3 resolution (3 business days)');

const point = (
  iso: string,
  state: IncidentState,
  priority: Priority,
  acknowledged = false,
): IncidentTimelinePoint => ({ at: at(iso), state, priority, acknowledged });

/** The clock of a definition that applies, with its instants as ISO strings for readable failures. */
const clock = (sla: IncidentSlaDefinition, timeline: IncidentTimeline, now: string) => {
  const result = incidentSlaClock(sla, timeline, at(now));
  if (!result.applies) throw new Error(`${sla.name} does not apply`);
  return readable(result);
};
const readable = (result: AppliedSlaClock) => ({
  ...result,
  startedAt: result.startedAt.toISOString(),
  dueAt: result.dueAt?.toISOString() ?? null,
  endedAt: result.endedAt?.toISOString() ?? null,
  breachedAt: result.breachedAt?.toISOString() ?? null,
  alerts: result.alerts.map((alert) => `${alert.percent}% ${alert.at.toISOString()}`),
  nextAlert:
    result.nextAlert && `${result.nextAlert.percent}% ${result.nextAlert.at.toISOString()}`,
});

// 2026-01-09 is a Friday; the business schedule works Monday to Friday, 08:00–17:00 UTC.
const fridayAfternoonP2 = [point('2026-01-09T16:45:00Z', 'new', 2)];

describe('incidentSlaClock', () => {
  describe('a running clock', () => {
    it('passes 50 % of a P2 response opened Friday 16:45 at Monday 08:15, on business time', () => {
      expect(clock(p2Response, fridayAfternoonP2, '2026-01-12T08:20:00Z')).toEqual({
        applies: true,
        stage: 'in_progress',
        startedAt: '2026-01-09T16:45:00.000Z',
        elapsedSeconds: 35 * 60,
        dueAt: '2026-01-12T08:45:00.000Z',
        endedAt: null,
        breachedAt: null,
        alerts: ['50% 2026-01-12T08:15:00.000Z'],
        nextAlert: '75% 2026-01-12T08:30:00.000Z',
      });
    });

    it('counts nothing over the weekend', () => {
      const saturday = clock(p2Response, fridayAfternoonP2, '2026-01-10T12:00:00Z');
      expect(saturday.elapsedSeconds).toBe(15 * 60);
      expect(saturday.alerts).toEqual([]);
      expect(saturday.nextAlert).toBe('50% 2026-01-12T08:15:00.000Z');
    });

    it('passes a threshold at the very instant it is reached', () => {
      const exactly = clock(p2Response, fridayAfternoonP2, '2026-01-12T08:30:00Z');
      expect(exactly.alerts).toEqual([
        '50% 2026-01-12T08:15:00.000Z',
        '75% 2026-01-12T08:30:00.000Z',
      ]);
      expect(exactly.nextAlert).toBe('100% 2026-01-12T08:45:00.000Z');
    });

    it('floors elapsed seconds', () => {
      const opened = [point('2026-01-05T10:00:00.000Z', 'new', 1)];
      expect(clock(p1Response, opened, '2026-01-05T10:00:01.999Z').elapsedSeconds).toBe(1);
    });
  });

  describe('on hold', () => {
    const heldOverTheWeekend = [
      point('2026-01-09T16:45:00Z', 'new', 2),
      point('2026-01-09T16:50:00Z', 'on_hold', 2),
      point('2026-01-12T09:00:00Z', 'in_progress', 2, true),
    ];

    it('pauses the clock', () => {
      expect(clock(p2Resolution, heldOverTheWeekend, '2026-01-12T08:30:00Z')).toMatchObject({
        stage: 'paused',
        elapsedSeconds: 5 * 60,
        dueAt: null,
        endedAt: null,
        nextAlert: null,
      });
    });

    it('resumes without counting the pause', () => {
      expect(clock(p2Resolution, heldOverTheWeekend, '2026-01-12T10:00:00Z')).toMatchObject({
        stage: 'in_progress',
        elapsedSeconds: 65 * 60,
        // 9 h target: 5 min on Friday, 8 h from Monday 09:00 to 17:00, 55 min on Tuesday.
        dueAt: '2026-01-13T08:55:00.000Z',
        nextAlert: '50% 2026-01-12T13:25:00.000Z',
      });
    });

    it('counts the time on hold when the definition does not pause on hold', () => {
      const counting = { ...p2Resolution, pauseOnHold: false };
      expect(clock(counting, heldOverTheWeekend, '2026-01-12T08:30:00Z')).toMatchObject({
        stage: 'in_progress',
        elapsedSeconds: 45 * 60,
        dueAt: '2026-01-12T16:45:00.000Z',
      });
    });

    it('keeps a breach while paused', () => {
      const held = [
        point('2026-01-05T10:00:00Z', 'new', 1),
        point('2026-01-05T10:20:00Z', 'on_hold', 1),
      ];
      expect(clock(p1Response, held, '2026-01-05T11:00:00Z')).toMatchObject({
        stage: 'breached',
        breachedAt: '2026-01-05T10:15:00.000Z',
        elapsedSeconds: 20 * 60,
        dueAt: null,
      });
    });

    it('passes a threshold reached exactly when the pause began at the resumption', () => {
      const held = [
        point('2026-01-05T10:00:00Z', 'new', 1),
        point('2026-01-05T10:15:00Z', 'on_hold', 1),
        point('2026-01-05T11:00:00Z', 'new', 1),
      ];
      expect(clock(p1Response, held, '2026-01-05T10:30:00Z').stage).toBe('paused');
      expect(clock(p1Response, held, '2026-01-05T11:00:00Z').breachedAt).toBe(
        '2026-01-05T11:00:00.000Z',
      );
    });
  });

  describe('the end of a response clock', () => {
    const opened = point('2026-01-05T10:00:00Z', 'new', 1);
    const acknowledgedAt = (iso: string) => [opened, point(iso, 'new', 1, true)];

    it('breaches at 100 %, going on counting, with every alert at its instant', () => {
      expect(clock(p1Response, [opened], '2026-01-05T10:20:00Z')).toMatchObject({
        stage: 'breached',
        elapsedSeconds: 20 * 60,
        dueAt: '2026-01-05T10:15:00.000Z',
        endedAt: null,
        breachedAt: '2026-01-05T10:15:00.000Z',
        alerts: [
          '50% 2026-01-05T10:07:30.000Z',
          '75% 2026-01-05T10:11:15.000Z',
          '100% 2026-01-05T10:15:00.000Z',
        ],
        nextAlert: null,
      });
    });

    it('is achieved when acknowledged before 100 %', () => {
      expect(
        clock(p1Response, acknowledgedAt('2026-01-05T10:10:00Z'), '2026-01-05T12:00:00Z'),
      ).toEqual({
        applies: true,
        stage: 'achieved',
        startedAt: '2026-01-05T10:00:00.000Z',
        elapsedSeconds: 10 * 60,
        dueAt: null,
        endedAt: '2026-01-05T10:10:00.000Z',
        breachedAt: null,
        alerts: ['50% 2026-01-05T10:07:30.000Z'],
        nextAlert: null,
      });
    });

    it('is achieved when acknowledged at the very instant of 100 %', () => {
      const met = clock(p1Response, acknowledgedAt('2026-01-05T10:15:00Z'), '2026-01-05T12:00:00Z');
      expect(met.stage).toBe('achieved');
      expect(met.alerts).toHaveLength(2);
    });

    it('stays breached when acknowledged after 100 %', () => {
      expect(
        clock(p1Response, acknowledgedAt('2026-01-05T10:40:00Z'), '2026-01-05T12:00:00Z'),
      ).toMatchObject({
        stage: 'breached',
        elapsedSeconds: 40 * 60,
        endedAt: '2026-01-05T10:40:00.000Z',
        breachedAt: '2026-01-05T10:15:00.000Z',
      });
    });

    it('ends when the incident moves to in_progress, or is resolved, without an assignment', () => {
      for (const state of ['in_progress', 'resolved'] as const) {
        const timeline = [opened, point('2026-01-05T10:05:00Z', state, 1)];
        expect(clock(p1Response, timeline, '2026-01-05T12:00:00Z')).toMatchObject({
          stage: 'achieved',
          endedAt: '2026-01-05T10:05:00.000Z',
        });
      }
    });

    it('is breached once the due instant has passed, even with no business time since', () => {
      // Due at Friday's close (17:00); acknowledged on Saturday.
      const timeline = [
        point('2026-01-09T16:00:00Z', 'new', 2),
        point('2026-01-10T10:00:00Z', 'new', 2, true),
      ];
      expect(clock(p2Response, timeline, '2026-01-12T12:00:00Z')).toMatchObject({
        stage: 'breached',
        elapsedSeconds: HOUR,
        breachedAt: '2026-01-09T17:00:00.000Z',
      });
    });
  });

  describe('a resolution clock', () => {
    const opened = point('2026-01-05T00:00:00Z', 'new', 1);
    const worked = point('2026-01-05T01:00:00Z', 'in_progress', 1, true);
    const resolved = point('2026-01-05T03:00:00Z', 'resolved', 1, true);
    const reopened = point('2026-01-05T10:00:00Z', 'in_progress', 1, true);

    it('stops while resolved, achieved for now', () => {
      expect(clock(p1Resolution, [opened, worked, resolved], '2026-01-05T05:00:00Z')).toMatchObject(
        {
          stage: 'achieved',
          elapsedSeconds: 3 * HOUR,
          dueAt: null,
          endedAt: '2026-01-05T03:00:00.000Z',
          nextAlert: null,
        },
      );
    });

    it('runs on after a reopening, without the time spent resolved', () => {
      const timeline = [opened, worked, resolved, reopened];
      expect(clock(p1Resolution, timeline, '2026-01-05T12:00:00Z')).toMatchObject({
        stage: 'in_progress',
        elapsedSeconds: 5 * HOUR,
        dueAt: '2026-01-05T15:00:00.000Z',
        endedAt: null,
        alerts: ['50% 2026-01-05T11:00:00.000Z'],
        nextAlert: '75% 2026-01-05T13:00:00.000Z',
      });
    });

    it('ends for good at closing, achieved at the resolution', () => {
      const closed = point('2026-01-05T20:00:00Z', 'closed', 1, true);
      const again = point('2026-01-05T21:00:00Z', 'in_progress', 1, true);
      expect(
        clock(p1Resolution, [opened, worked, resolved, closed, again], '2026-01-06T12:00:00Z'),
      ).toMatchObject({
        stage: 'achieved',
        elapsedSeconds: 3 * HOUR,
        endedAt: '2026-01-05T03:00:00.000Z',
      });
    });

    it('is breached when resolved after 100 %', () => {
      const late = point('2026-01-05T09:00:00Z', 'resolved', 1, true);
      expect(clock(p1Resolution, [opened, late], '2026-01-05T12:00:00Z')).toMatchObject({
        stage: 'breached',
        elapsedSeconds: 9 * HOUR,
        breachedAt: '2026-01-05T08:00:00.000Z',
        endedAt: '2026-01-05T09:00:00.000Z',
      });
    });
  });

  describe('a canceled incident', () => {
    const opened = point('2026-01-05T10:00:00Z', 'new', 1);

    it('cancels a running clock', () => {
      const timeline = [opened, point('2026-01-05T10:05:00Z', 'canceled', 1)];
      expect(clock(p1Response, timeline, '2026-01-05T12:00:00Z')).toMatchObject({
        stage: 'cancelled',
        elapsedSeconds: 5 * 60,
        endedAt: '2026-01-05T10:05:00.000Z',
        dueAt: null,
        nextAlert: null,
      });
    });

    it('keeps a breach', () => {
      const timeline = [opened, point('2026-01-05T10:30:00Z', 'canceled', 1)];
      expect(clock(p1Response, timeline, '2026-01-05T12:00:00Z')).toMatchObject({
        stage: 'breached',
        breachedAt: '2026-01-05T10:15:00.000Z',
        endedAt: '2026-01-05T10:30:00.000Z',
      });
    });

    it('keeps a resolution clock stopped by the resolution achieved', () => {
      const timeline = [
        opened,
        point('2026-01-05T11:00:00Z', 'resolved', 1, true),
        point('2026-01-05T12:00:00Z', 'canceled', 1, true),
      ];
      expect(clock(p1Resolution, timeline, '2026-01-05T13:00:00Z')).toMatchObject({
        stage: 'achieved',
        endedAt: '2026-01-05T11:00:00.000Z',
      });
    });
  });

  describe('a change of priority', () => {
    // Monday 08:00 as P3; P1 from 17:00.
    const raised = [
      point('2026-01-05T08:00:00Z', 'new', 3),
      point('2026-01-05T17:00:00Z', 'new', 1),
    ];

    it('starts the newly applying clock from the opening, breached already if so', () => {
      expect(clock(p1Resolution, raised, '2026-01-05T18:00:00Z')).toEqual({
        applies: true,
        stage: 'breached',
        startedAt: '2026-01-05T08:00:00.000Z',
        elapsedSeconds: 10 * HOUR,
        dueAt: '2026-01-05T16:00:00.000Z',
        endedAt: null,
        breachedAt: '2026-01-05T16:00:00.000Z',
        alerts: [
          '50% 2026-01-05T12:00:00.000Z',
          '75% 2026-01-05T14:00:00.000Z',
          '100% 2026-01-05T16:00:00.000Z',
        ],
        nextAlert: null,
      });
    });

    it('cancels the clock whose condition no longer holds at the change', () => {
      expect(clock(p3Resolution, raised, '2026-01-05T18:00:00Z')).toEqual({
        applies: true,
        stage: 'cancelled',
        startedAt: '2026-01-05T08:00:00.000Z',
        elapsedSeconds: 9 * HOUR,
        dueAt: null,
        endedAt: '2026-01-05T17:00:00.000Z',
        breachedAt: null,
        alerts: [],
        nextAlert: null,
      });
    });

    it('keeps what the cancelled clock passed before the change, a breach included', () => {
      expect(clock(p3Response, raised, '2026-01-05T18:00:00Z')).toMatchObject({
        stage: 'cancelled',
        breachedAt: '2026-01-05T12:00:00.000Z',
        alerts: [
          '50% 2026-01-05T10:00:00.000Z',
          '75% 2026-01-05T11:00:00.000Z',
          '100% 2026-01-05T12:00:00.000Z',
        ],
      });
    });

    it('does not apply a definition whose condition never held', () => {
      expect(incidentSlaClock(p2Resolution, raised, at('2026-01-05T18:00:00Z'))).toEqual({
        applies: false,
      });
    });

    it('counts from the opening when the priority comes back', () => {
      const back = [...raised, point('2026-01-05T17:30:00Z', 'new', 3)];
      expect(clock(p3Resolution, back, '2026-01-06T09:00:00Z')).toMatchObject({
        stage: 'in_progress',
        elapsedSeconds: 10 * HOUR,
      });
      expect(clock(p1Resolution, back, '2026-01-06T09:00:00Z')).toMatchObject({
        stage: 'cancelled',
        endedAt: '2026-01-05T17:30:00.000Z',
      });
    });

    it('changes nothing once the clock ended', () => {
      const afterResolution = [
        point('2026-01-05T08:00:00Z', 'new', 2),
        point('2026-01-05T09:00:00Z', 'resolved', 2, true),
        point('2026-01-05T10:00:00Z', 'resolved', 1, true),
      ];
      expect(clock(p2Resolution, afterResolution, '2026-01-05T11:00:00Z').stage).toBe('achieved');
      expect(incidentSlaClock(p1Resolution, afterResolution, at('2026-01-05T11:00:00Z'))).toEqual({
        applies: false,
      });
    });
  });

  describe('the history it reads', () => {
    const timeline = [
      point('2026-01-09T16:45:00Z', 'new', 2),
      point('2026-01-12T08:10:00Z', 'on_hold', 2),
      point('2026-01-12T09:00:00Z', 'in_progress', 2, true),
    ];

    it('is deterministic: the same history gives the same clock', () => {
      const results: SlaClock[] = [1, 2].map(() =>
        incidentSlaClock(p2Resolution, timeline, at('2026-01-12T12:00:00Z')),
      );
      expect(results[0]).toEqual(results[1]);
    });

    it('ignores points after now', () => {
      const now = at('2026-01-12T08:30:00Z');
      expect(incidentSlaClock(p2Response, timeline, now)).toEqual(
        incidentSlaClock(p2Response, timeline.slice(0, 2), now),
      );
    });

    it('takes the last of points sharing an instant', () => {
      const corrected = [
        point('2026-01-05T10:00:00Z', 'new', 1),
        point('2026-01-05T10:05:00Z', 'canceled', 1),
        point('2026-01-05T10:05:00Z', 'new', 1),
      ];
      expect(clock(p1Response, corrected, '2026-01-05T10:10:00Z').stage).toBe('in_progress');
    });

    it('refuses a history out of order or opened after now', () => {
      expect(() =>
        incidentSlaClock(p2Response, [...timeline].reverse(), at('2026-01-13T00:00:00Z')),
      ).toThrow(/out of order/);
      expect(() => incidentSlaClock(p2Response, timeline, at('2026-01-01T00:00:00Z'))).toThrow(
        /after now/,
      );
    });

    it('refuses a definition without a positive target', () => {
      expect(() =>
        incidentSlaClock({ ...p2Response, durationSeconds: 0 }, timeline, at('2026-01-13')),
      ).toThrow(RangeError);
    });
  });
});
