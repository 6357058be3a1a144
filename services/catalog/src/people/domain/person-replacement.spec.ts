import { personReplacement } from './person-replacement';

describe("a person's replacement in the directory", () => {
  it('creates a person the directory does not hold when no version was read', () => {
    expect(personReplacement(undefined, undefined)).toEqual({ outcome: 'create' });
  });

  it('replaces a person whatever their version when no If-Match was sent', () => {
    expect(personReplacement(4, undefined)).toEqual({ outcome: 'replace' });
  });

  it('replaces a person still at the version read', () => {
    expect(personReplacement(4, 4)).toEqual({ outcome: 'replace' });
  });

  it('refuses a replacement based on an older version, naming the current one', () => {
    expect(personReplacement(5, 4)).toEqual({
      outcome: 'refused',
      reason: 'stale',
      expected: 4,
      current: 5,
    });
  });

  it('refuses a version read of a person the directory does not hold', () => {
    expect(personReplacement(undefined, 1)).toEqual({ outcome: 'refused', reason: 'unknown' });
  });
});
