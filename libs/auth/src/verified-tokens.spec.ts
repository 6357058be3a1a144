import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');

  it('returns a remembered result until the token expires, not after', () => {
    const tokens = new VerifiedTokens<string>();
    tokens.set('a.b.c', 'sam', now + 60_000, now);
    expect(tokens.get('a.b.c', now + 59_999)).toBe('sam');
    expect(tokens.get('a.b.c', now + 60_000)).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('keeps a long-lived token for the maximum age only', () => {
    const tokens = new VerifiedTokens<string>({ maxEntries: 10, maxAgeMs: 300_000 });
    tokens.set('a.b.c', 'sam', now + 3_600_000, now);
    expect(tokens.get('a.b.c', now + 299_999)).toBe('sam');
    expect(tokens.get('a.b.c', now + 300_000)).toBeUndefined();
  });

  it('does not remember a token that has already expired', () => {
    const tokens = new VerifiedTokens<string>();
    tokens.set('a.b.c', 'sam', now - 10_000, now);
    expect(tokens.size).toBe(0);
    expect(tokens.get('a.b.c', now - 20_000)).toBeUndefined();
  });

  it('forgets the oldest token when full', () => {
    const tokens = new VerifiedTokens<string>({ maxEntries: 2 });
    tokens.set('one', '1', now + 60_000, now);
    tokens.set('two', '2', now + 60_000, now);
    tokens.set('three', '3', now + 60_000, now);
    expect(tokens.size).toBe(2);
    expect(tokens.get('one', now)).toBeUndefined();
    expect(tokens.get('two', now)).toBe('2');
    expect(tokens.get('three', now)).toBe('3');
  });

  it('forgets the oldest tokens while what it holds weighs more than its bound', () => {
    // A principal weighs its roles and groups: a provider may list hundreds of groups per token.
    const tokens = new VerifiedTokens<string[]>({ maxWeight: 5, weigh: (groups) => groups.length });
    tokens.set('one', ['a', 'b', 'c'], now + 60_000, now);
    tokens.set('two', ['d', 'e'], now + 60_000, now);
    tokens.set('three', ['f', 'g'], now + 60_000, now);
    expect(tokens.get('one', now)).toBeUndefined();
    expect(tokens.get('two', now)).toEqual(['d', 'e']);
    expect(tokens.get('three', now)).toEqual(['f', 'g']);
    tokens.set('four', ['h', 'i', 'j', 'k', 'l', 'm'], now + 60_000, now);
    expect(tokens.get('four', now)).toBeUndefined();
    expect(tokens.size).toBe(2);
  });

  it('tells tokens apart by their whole text', () => {
    const tokens = new VerifiedTokens<string>();
    tokens.set('header.payload.signature', 'sam', now + 60_000, now);
    expect(tokens.get('header.payload.signaturf', now)).toBeUndefined();
  });
});
