/** The most a setting may allow: each feed is a live credential its owner has to keep track of. */
export const MAX_FEED_LIMIT = 1000;

/** Why a person may not create one more feed: they already hold `limit` that still work. */
export interface FeedLimitRefusal {
  limit: number;
  active: number;
}

/**
 * Whether a person holding `active` working feeds (neither expired nor revoked) may create one
 * more: a feed is a secret URL that works for months, so each one more is one more to leak.
 * Expired feeds do not count: they answer 404 like revoked ones.
 */
export function feedLimitRefusal(active: number, limit: number): FeedLimitRefusal | null {
  return active < limit ? null : { limit, active };
}
