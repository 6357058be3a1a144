import { blackoutEvent, changeEvent, type CalendarChange } from './calendar-entries';
import { rangeErrors } from './calendar-range';

const change: CalendarChange = {
  id: 'c1',
  number: 'CHG0000310',
  type: 'normal',
  state: 'scheduled',
  shortDescription: 'Upgrade PostgreSQL on db-checkout-01 to 17.2',
  risk: 'moderate',
  plannedStart: new Date('2026-12-05T22:00:00Z'),
  plannedEnd: new Date('2026-12-05T23:30:00Z'),
  affectedCiIds: ['ci-1'],
  updatedAt: new Date('2026-12-01T10:00:00Z'),
  version: 4,
};

describe('calendar entries', () => {
  it('show a change by number and short description, confirmed once scheduled', () => {
    expect(changeEvent(change)).toMatchObject({
      uid: 'c1@change.itsm',
      summary: 'CHG0000310 Upgrade PostgreSQL on db-checkout-01 to 17.2',
      status: 'CONFIRMED',
      sequence: 4,
      stamp: change.updatedAt,
    });
    expect(changeEvent({ ...change, state: 'assess' }).status).toBe('TENTATIVE');
    expect(changeEvent({ ...change, state: 'canceled' }).status).toBe('CANCELLED');
  });

  it('cut a long short description at a word', () => {
    const summary = changeEvent({ ...change, shortDescription: 'word '.repeat(40) }).summary;
    expect(summary.length).toBeLessThanOrEqual(10 + 1 + 120 + 1);
    expect(summary.endsWith('word…')).toBe(true);
  });

  it('show a freeze by name', () => {
    const event = blackoutEvent({
      id: 'b1',
      name: 'Year-end',
      reason: 'Peak season',
      scope: 'global',
      start: new Date('2026-12-20T00:00:00Z'),
      end: new Date('2027-01-04T00:00:00Z'),
      updatedAt: new Date('2026-11-20T00:00:00Z'),
      version: 1,
    });
    expect(event).toMatchObject({
      uid: 'b1@blackout.itsm',
      summary: 'Freeze: Year-end',
      description: 'scope: global\nPeak season',
    });
  });
});

describe('a calendar range', () => {
  const from = new Date('2026-12-01T00:00:00Z');
  it('ends after it starts', () => {
    expect(rangeErrors(from, from)).toEqual([{ field: 'to', message: 'must be after from' }]);
  });
  it('spans at most a year and a day or so', () => {
    expect(rangeErrors(from, new Date('2027-12-01T00:00:00Z'))).toEqual([]);
    expect(rangeErrors(from, new Date('2028-01-01T00:00:00Z'))).toHaveLength(1);
  });
});
