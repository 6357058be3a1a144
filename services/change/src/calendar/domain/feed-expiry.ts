/** The longest a feed may work: its creator's roles and groups are copied into it, and may lapse. */
export const MAX_FEED_DAYS = 365;
const DAY = 24 * 3600 * 1000;

/** When a feed created at `createdAt` stops answering. */
export function feedExpiry(createdAt: Date, days: number): Date {
  return new Date(createdAt.getTime() + days * DAY);
}

/** An expired feed answers like a missing one. */
export function isFeedExpired(expiresAt: Date, now: Date): boolean {
  return expiresAt.getTime() <= now.getTime();
}
