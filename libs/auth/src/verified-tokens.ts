import { createHash } from 'node:crypto';

/** A verified token is trusted again without its signature being checked for at most this long. */
export const VERIFIED_TOKEN_MAX_AGE_MS = 5 * 60_000;
/** At most this many verified tokens are remembered; the oldest is forgotten first. */
export const VERIFIED_TOKEN_MAX_ENTRIES = 10_000;
/**
 * And at most this much in all, by `weigh`: a principal weighs one plus its roles and groups (a
 * provider may list hundreds of groups in each token), so that it holds a few tens of MB at most.
 */
export const VERIFIED_TOKEN_MAX_WEIGHT = 200_000;

export interface VerifiedTokensLimits<T> {
  maxEntries?: number;
  maxAgeMs?: number;
  maxWeight?: number;
  /** What one result weighs against `maxWeight`; 1 by default. */
  weigh?: (value: T) => number;
}

interface Entry<T> {
  value: T;
  until: number;
  weight: number;
}

/**
 * What verifying a token gave, remembered by the token's SHA-256 (not the token itself) until the
 * token's `exp` or `maxAgeMs` from now, whichever comes first. Only successes are stored.
 */
export class VerifiedTokens<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly maxWeight: number;
  private readonly weigh: (value: T) => number;
  private weight = 0;

  constructor(limits: VerifiedTokensLimits<T> = {}) {
    this.maxEntries = limits.maxEntries ?? VERIFIED_TOKEN_MAX_ENTRIES;
    this.maxAgeMs = limits.maxAgeMs ?? VERIFIED_TOKEN_MAX_AGE_MS;
    this.maxWeight = limits.maxWeight ?? VERIFIED_TOKEN_MAX_WEIGHT;
    this.weigh = limits.weigh ?? (() => 1);
  }

  get size(): number {
    return this.entries.size;
  }

  get(token: string, now = Date.now()): T | undefined {
    const key = digest(token);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now < entry.until) return entry.value;
    this.forget(key);
    return undefined;
  }

  /** Remembers a verified token's result; `expiresAt` is its `exp` in epoch milliseconds. */
  set(token: string, value: T, expiresAt: number, now = Date.now()): void {
    const until = Math.min(expiresAt, now + this.maxAgeMs);
    const weight = this.weigh(value);
    if (!(until > now) || weight > this.maxWeight) return;
    const key = digest(token);
    this.forget(key);
    while (this.entries.size >= this.maxEntries || this.weight + weight > this.maxWeight) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.forget(oldest.value);
    }
    this.entries.set(key, { value, until, weight });
    this.weight += weight;
  }

  private forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.weight -= entry.weight;
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
