import { timeOrderedUuid } from './time-ordered-id';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedUuid', () => {
  it('is a UUID of version 7 and variant 10, with the time in milliseconds in its first 48 bits', () => {
    const now = Date.UTC(2026, 11, 1, 18, 0, 0, 123);
    const id = timeOrderedUuid(now);

    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(now);
  });

  it('sorts ids of later milliseconds after earlier ones, and never repeats', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => timeOrderedUuid(1_764_000_000_000 + i));

    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 5000 }, () => timeOrderedUuid())).size).toBe(5000);
  });
});
