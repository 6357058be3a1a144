import { feedExpiry, isFeedExpired } from './feed-expiry';

describe('a calendar feed’s expiry', () => {
  const created = new Date('2026-12-01T10:00:00Z');

  it('lapses the given number of days after its creation', () => {
    expect(feedExpiry(created, 90)).toEqual(new Date('2027-03-01T10:00:00Z'));
  });

  it('answers until the instant it expires, and not from then on', () => {
    const expiresAt = feedExpiry(created, 1);
    expect(isFeedExpired(expiresAt, new Date('2026-12-02T09:59:59Z'))).toBe(false);
    expect(isFeedExpired(expiresAt, expiresAt)).toBe(true);
  });
});
