import { IANAZone } from 'luxon';
import { isoDate, isoWeekday, localDay, wallClockOfDay } from './wall-clock';

const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const iso = (instant: number) => new Date(instant).toISOString();
const newYork = IANAZone.create('America/New_York');

describe('wall clock', () => {
  afterEach(() => jest.useRealTimers());

  it('names days by ISO weekday and date, before 1970 too', () => {
    expect(isoWeekday(dayOf('2026-01-05'))).toBe(1);
    expect(isoWeekday(dayOf('2026-03-29'))).toBe(7);
    expect(isoWeekday(dayOf('1969-12-31'))).toBe(3);
    expect(isoDate(dayOf('2028-02-29'))).toBe('2028-02-29');
  });

  it('finds the local day of an instant', () => {
    const instant = Date.parse('2026-01-05T20:00:00Z');
    expect(isoDate(localDay(IANAZone.create('Asia/Kolkata'), instant))).toBe('2026-01-06');
    expect(isoDate(localDay(newYork, instant))).toBe('2026-01-05');
  });

  it.each([
    ['an ordinary day', '2026-01-05', 8 * 60, '2026-01-05T13:00:00.000Z'],
    ['the next midnight', '2026-01-05', 24 * 60, '2026-01-06T05:00:00.000Z'],
    ['a time after clocks go forward', '2026-03-08', 8 * 60, '2026-03-08T12:00:00.000Z'],
    ['a time in the gap, moved forward', '2026-03-08', 2 * 60 + 30, '2026-03-08T07:30:00.000Z'],
    ['a time happening twice, first', '2026-11-01', 60 + 30, '2026-11-01T05:30:00.000Z'],
    ['a time after clocks go back', '2026-11-01', 8 * 60, '2026-11-01T13:00:00.000Z'],
  ])('converts %s', (_, date, minuteOfDay, expected) => {
    expect(iso(wallClockOfDay(newYork, dayOf(date))(minuteOfDay))).toBe(expected);
  });

  it('does not depend on the current date, unlike luxon’s own conversion', () => {
    const firstOneThirty = (now: string) => {
      jest.useFakeTimers({ now: new Date(now) });
      return iso(wallClockOfDay(newYork, dayOf('2026-11-01'))(90));
    };
    expect(firstOneThirty('2026-07-01T00:00:00Z')).toBe(firstOneThirty('2027-01-01T00:00:00Z'));
  });
});
