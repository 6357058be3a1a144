import { IANAZone } from 'luxon';

/** A time zone's offset from UTC, in minutes, at an instant (epoch milliseconds). */
export interface ZoneOffsets {
  offset(instant: number): number;
}

const MS_PER_DAY = 86_400_000;
/** UTC days remembered per zone (about eleven years); the oldest is forgotten first. */
const MAX_DAYS_PER_ZONE = 4096;
const UTC_ALIASES = new Set(
  ['UTC', 'UCT', 'Universal', 'Zulu', 'GMT', 'GMT0', 'GMT+0', 'GMT-0', 'Greenwich'].flatMap(
    (name) => [name.toLowerCase(), `etc/${name.toLowerCase()}`],
  ),
);
/** `Etc/GMT+5` is five hours behind UTC: POSIX signs. */
const ETC_GMT_OFFSET = /^etc\/gmt([+-])(\d{1,2})$/;

/** Bounded by the IANA database (about 600 names): only a valid zone is remembered. */
const zones = new Map<string, ZoneOffsets>();

/**
 * The offsets of an IANA zone, cheaper than luxon's `IANAZone.offset` (an `Intl` formatting per
 * call): UTC and the `Etc/GMT±N` zones are constants, and any other zone's offsets are remembered per
 * UTC day (`DayMemoizedOffsets`).
 */
export function zoneOffsets(timeZone: string): ZoneOffsets {
  const name = timeZone.toLowerCase();
  let zone = zones.get(name);
  if (!zone) {
    const iana = IANAZone.create(timeZone);
    if (!iana.isValid) throw new RangeError(`unknown IANA time zone "${timeZone}"`);
    zone = fixedOffsets(name) ?? new DayMemoizedOffsets(iana);
    zones.set(name, zone);
  }
  return zone;
}

function fixedOffsets(name: string): ZoneOffsets | undefined {
  if (UTC_ALIASES.has(name)) return { offset: () => 0 };
  const etc = ETC_GMT_OFFSET.exec(name);
  if (!etc) return undefined;
  const minutes = (etc[1] === '+' ? -60 : 60) * Number(etc[2]);
  return { offset: () => minutes };
}

interface DayOffsets {
  before: number;
  after: number;
  /** The first instant of the day with the `after` offset; Infinity on a day without a change. */
  changeAt: number;
}

/**
 * A zone's offsets remembered per UTC day: the offset at its first and last millisecond and, on a
 * day when they differ, the exact instant of the change, found by bisection (about 27 offsets,
 * once per change). Exact for changes at any instant, on a quarter hour (Asia/Kathmandu, +5:45) or
 * within a half-hour DST (Australia/Lord_Howe), provided a zone changes its offset at most once in
 * a UTC day, as `wall-clock.ts` already assumes (at most once within three days).
 */
export class DayMemoizedOffsets implements ZoneOffsets {
  private readonly days = new Map<number, DayOffsets>();

  constructor(private readonly zone: IANAZone) {}

  offset(instant: number): number {
    const day = Math.floor(instant / MS_PER_DAY);
    let known = this.days.get(day);
    if (!known) {
      known = this.offsetsOfDay(day);
      if (this.days.size >= MAX_DAYS_PER_ZONE) {
        const oldest = this.days.keys().next();
        if (!oldest.done) this.days.delete(oldest.value);
      }
      this.days.set(day, known);
    }
    return instant < known.changeAt ? known.before : known.after;
  }

  private offsetsOfDay(day: number): DayOffsets {
    const first = day * MS_PER_DAY;
    const last = first + MS_PER_DAY - 1;
    const before = this.zone.offset(first);
    const after = this.zone.offset(last);
    if (before === after) return { before, after, changeAt: Infinity };
    let unchanged = first;
    let changed = last;
    while (changed - unchanged > 1) {
      const middle = Math.floor((unchanged + changed) / 2);
      if (this.zone.offset(middle) === before) unchanged = middle;
      else changed = middle;
    }
    return { before, after, changeAt: changed };
  }
}
