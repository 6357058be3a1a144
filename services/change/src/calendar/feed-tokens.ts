import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new feed secret: 256 random bits, URL-safe. */
export function newFeedToken(): string {
  return randomBytes(32).toString('base64url');
}

export function feedTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether `token` is the feed's secret, compared in constant time. */
export function isFeedToken(token: string, hash: string): boolean {
  const given = Buffer.from(feedTokenHash(token), 'hex');
  const stored = Buffer.from(hash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
