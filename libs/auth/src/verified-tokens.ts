import { createHash } from 'node:crypto';

/** A verified token is trusted again without its signature being checked for at most this long. */
export const VERIFIED_TOKEN_MAX_AGE_MS = 5 * 60_000;
/** At most this many verified tokens are remembered; the oldest is forgotten first. */
export const VERIFIED_TOKEN_MAX_ENTRIES = 10_000;

/**
 * What verifying a token gave, remembered by the token's SHA-256 (not the token itself) until the
 * token's `exp` or `maxAgeMs` from now, whichever comes first. Only successes are stored.
 */
export class VerifiedTokens<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();

  constructor(
    private readonly maxEntries = VERIFIED_TOKEN_MAX_ENTRIES,
    private readonly maxAgeMs = VERIFIED_TOKEN_MAX_AGE_MS,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(token: string, now = Date.now()): T | undefined {
    const key = digest(token);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now < entry.until) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /** Remembers a verified token's result; `expiresAt` is its `exp` in epoch milliseconds. */
  set(token: string, value: T, expiresAt: number, now = Date.now()): void {
    const until = Math.min(expiresAt, now + this.maxAgeMs);
    if (!(until > now)) return;
    const key = digest(token);
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, until });
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
