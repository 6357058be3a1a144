import type { ZoneOffsets } from './zone-offsets';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** A calendar day as a number: days since 1970-01-01. */
export type DayNumber = number;

/** The calendar day the zone's wall clock shows at an instant. */
export function localDay(zone: ZoneOffsets, instant: number): DayNumber {
  return Math.floor((instant + zone.offset(instant) * MS_PER_MINUTE) / MS_PER_DAY);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: DayNumber): number {
  // 1970-01-01 was a Thursday.
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** 'YYYY-MM-DD'. */
export function isoDate(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Converts wall-clock minutes of one day (0 to 1440, 1440 being the next midnight) to instants.
 * Luxon resolves an ambiguous wall time with the offset in force at the current date, so its results
 * would depend on when they are computed; this conversion is deterministic: a wall time that happens
 * twice (clocks going back) is its first occurrence, and one that never happens (clocks going
 * forward) moves forward by the gap, as clocks do. It assumes a zone changes its offset at most once
 * within three days, which holds for every zone in use.
 */
export function wallClockOfDay(zone: ZoneOffsets, day: DayNumber): (minuteOfDay: number) => number {
  const midnight = day * MS_PER_DAY;
  // The day's wall clock spans at most UTC-14 to UTC+12 around its midnight read as UTC.
  const offsetBefore = zone.offset(midnight - MS_PER_DAY);
  const offsetAfter = zone.offset(midnight + 2 * MS_PER_DAY);
  return (minuteOfDay) => {
    const wallTime = midnight + minuteOfDay * MS_PER_MINUTE;
    const at = (offset: number) => wallTime - offset * MS_PER_MINUTE;
    if (offsetBefore === offsetAfter) return at(offsetBefore);
    const occurrences = [offsetBefore, offsetAfter]
      .filter((offset) => zone.offset(at(offset)) === offset)
      .map(at);
    return occurrences.length > 0 ? Math.min(...occurrences) : at(offsetBefore);
  };
}
