import { businessSecondsBetween, validateSchedule } from '@itsm/calendar';
import { DEFAULT_SCHEDULES, DEFAULT_SLA_DEFINITIONS } from './sla-defaults';

const HOUR = 3600;

describe('seeded SLA defaults', () => {
  it('seeds valid schedules: 24x7 and business hours, Monday to Friday 08:00–17:00, in UTC', () => {
    expect(DEFAULT_SCHEDULES.map(({ name, kind, timeZone }) => [name, kind, timeZone])).toEqual([
      ['24x7', '24x7', 'UTC'],
      ['Business hours', 'business_hours', 'UTC'],
    ]);
    for (const schedule of DEFAULT_SCHEDULES) expect(validateSchedule(schedule)).toEqual([]);
  });

  it('seeds the targets of priorities 1 to 4, on the schedules they name, and none for 5', () => {
    expect(
      DEFAULT_SLA_DEFINITIONS.map((definition) => [
        definition.name,
        definition.priorities,
        definition.durationSeconds / HOUR,
        definition.scheduleName,
      ]),
    ).toEqual([
      ['Priority 1 resolution (8 hour)', [1], 8, '24x7'],
      ['Priority 1 response (15 minute)', [1], 0.25, '24x7'],
      ['Priority 2 resolution (1 business day)', [2], 9, 'Business hours'],
      ['Priority 2 response (1 hour)', [2], 1, 'Business hours'],
      ['Priority 3 resolution (3 business days)', [3], 27, 'Business hours'],
      ['Priority 3 response (4 hour)', [3], 4, 'Business hours'],
      ['Priority 4 resolution (5 business days)', [4], 45, 'Business hours'],
      ['Priority 4 response (1 business day)', [4], 9, 'Business hours'],
    ]);
    expect(DEFAULT_SLA_DEFINITIONS.every(({ pauseOnHold }) => pauseOnHold)).toBe(true);
    const scheduleNames = DEFAULT_SCHEDULES.map(({ name }) => name);
    for (const { scheduleName } of DEFAULT_SLA_DEFINITIONS)
      expect(scheduleNames).toContain(scheduleName);
  });

  it('makes one business day the working time of one day of the business schedule', () => {
    const business = DEFAULT_SCHEDULES.find(({ name }) => name === 'Business hours');
    const monday = [new Date('2026-01-05T00:00:00Z'), new Date('2026-01-06T00:00:00Z')] as const;
    const oneBusinessDay = DEFAULT_SLA_DEFINITIONS.find(({ name }) =>
      name.includes('(1 business day)'),
    );
    expect(business && businessSecondsBetween(business, ...monday)).toBe(
      oneBusinessDay?.durationSeconds,
    );
  });
});
