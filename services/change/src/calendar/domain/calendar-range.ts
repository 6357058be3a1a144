import type { FieldError } from '@itsm/http';

/** The longest range one calendar answer covers: a year and a day (a leap year, a boundary). */
export const MAX_RANGE_DAYS = 367;
const DAY = 24 * 3600 * 1000;

export function rangeErrors(from: Date, to: Date): FieldError[] {
  if (!(from < to)) return [{ field: 'to', message: 'must be after from' }];
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY) {
    return [{ field: 'to', message: `at most ${MAX_RANGE_DAYS} days after from` }];
  }
  return [];
}

/** What a subscribed feed shows: the last month and the coming year, around `now`. */
export function feedRange(now: Date): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - 30 * DAY), to: new Date(now.getTime() + 335 * DAY) };
}
