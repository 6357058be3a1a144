import type { Schedule } from '@itsm/calendar';
import { outsideBusinessHours } from './business-hours';

const OFFICE: Schedule = {
  timeZone: 'Europe/Berlin',
  kind: 'business_hours',
  hours: ([1, 2, 3, 4, 5] as const).map((day) => ({ day, start: '08:00', end: '17:00' })),
  holidays: ['2026-12-24'],
};

describe('outsideBusinessHours', () => {
  it('is false for a window inside working time, read in the schedule zone', () => {
    // Tuesday 1 December 2026, 10:00–11:00 in Berlin (UTC+1).
    expect(
      outsideBusinessHours(
        OFFICE,
        new Date('2026-12-01T09:00:00Z'),
        new Date('2026-12-01T10:00:00Z'),
      ),
    ).toBe(false);
  });

  it('is true for a night, a weekend and a holiday', () => {
    const outside = (from: string, to: string) =>
      outsideBusinessHours(OFFICE, new Date(from), new Date(to));
    expect(outside('2026-12-01T21:00:00Z', '2026-12-01T23:00:00Z')).toBe(true);
    expect(outside('2026-12-05T09:00:00Z', '2026-12-05T10:00:00Z')).toBe(true);
    expect(outside('2026-12-24T09:00:00Z', '2026-12-24T10:00:00Z')).toBe(true);
  });

  it('is true when only the end of the window runs past closing time', () => {
    expect(
      outsideBusinessHours(
        OFFICE,
        new Date('2026-12-01T15:00:00Z'),
        new Date('2026-12-01T16:30:00Z'),
      ),
    ).toBe(true);
  });

  it('is never true on a 24x7 schedule', () => {
    const always: Schedule = { timeZone: 'UTC', kind: '24x7', hours: [], holidays: [] };
    expect(
      outsideBusinessHours(
        always,
        new Date('2026-12-05T02:00:00Z'),
        new Date('2026-12-05T04:00:00Z'),
      ),
    ).toBe(false);
  });
});
