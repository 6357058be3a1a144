import { isTimestamp } from './timestamp';

describe('isTimestamp', () => {
  it.each([
    '2026-11-28',
    '2026-11-28T09:30Z',
    '2026-11-28T09:30:00Z',
    '2026-11-28T09:30:00.123Z',
    '2026-11-28T23:30:00-05:00',
    '2026-11-28T00:30:00+02:00',
    '2028-02-29',
  ])('accepts %s', (value) => expect(isTimestamp(value)).toBe(true));

  it.each([
    '2026',
    '2026-W48',
    '2026-11-28T09:30:00',
    '2026-02-30',
    '2026-02-30T10:00:00Z',
    '2026-13-01',
    '2026-11-28T25:00:00Z',
    '0000-01-01',
    '0000-06-01T00:00:00Z',
    'yesterday',
    '',
    42,
  ])('refuses %s', (value) => expect(isTimestamp(value)).toBe(false));
});
