import { IANAZone } from 'luxon';
import { isoDate, isoWeekday, localDay, wallClockOfDay, type DayNumber } from './wall-clock';
import { zoneOffsets, type ZoneOffsets } from './zone-offsets';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Working time on one weekday, in the schedule's wall-clock time: 'HH:mm'; `end` may be '24:00'. */
export interface WorkingPeriod {
  day: IsoWeekday;
  start: string;
  end: string;
}

/** When time counts as working time. A 24x7 schedule ignores `hours` and `holidays`. */
export interface Schedule {
  /** IANA time zone the hours and holidays are read in. */
  timeZone: string;
  kind: '24x7' | 'business_hours';
  hours: WorkingPeriod[];
  /** Local dates ('YYYY-MM-DD') without working time. */
  holidays: string[];
}

export interface ScheduleProblem {
  field: string;
  message: string;
}

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const END_OF_DAY = '24:00';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** addBusinessMilliseconds gives up after ten years of consecutive days without working time. */
const MAX_DAYS_WITHOUT_WORK = 3653;

/** Everything wrong with a schedule, each naming its field (`hours[1].end`, `holidays[0]`…). */
export function validateSchedule(schedule: Schedule): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (!IANAZone.create(schedule.timeZone).isValid) {
    problems.push({ field: 'timeZone', message: `unknown IANA time zone "${schedule.timeZone}"` });
  }
  if (schedule.kind === '24x7') return problems;
  if (schedule.kind !== 'business_hours') {
    return [...problems, { field: 'kind', message: 'must be "24x7" or "business_hours"' }];
  }
  if (schedule.hours.length === 0) {
    problems.push({ field: 'hours', message: 'business hours need at least one working period' });
  }
  schedule.hours.forEach((period, index) => problems.push(...periodProblems(period, index)));
  problems.push(...overlaps(schedule.hours));
  schedule.holidays.forEach((holiday, index) => {
    if (!isCalendarDate(holiday)) {
      problems.push({ field: `holidays[${index}]`, message: 'must be a date written YYYY-MM-DD' });
    }
  });
  return problems;
}

/** Working time between two instants, in milliseconds; 0 when `to` is not after `from`. */
export function businessMillisecondsBetween(schedule: Schedule, from: Date, to: Date): number {
  const calendar = workingCalendar(schedule);
  const [start, end] = [instant(from), instant(to)];
  if (end <= start) return 0;
  if (!calendar) return end - start;
  let total = 0;
  let cursor = start;
  const lastDay = localDay(calendar.zone, end);
  for (let day = localDay(calendar.zone, start); day <= lastDay; day++) {
    for (const interval of workingIntervals(calendar, day)) {
      const overlapStart = Math.max(interval.start, cursor);
      const overlapEnd = Math.min(interval.end, end);
      if (overlapEnd > overlapStart) {
        total += overlapEnd - overlapStart;
        cursor = overlapEnd;
      }
    }
  }
  return total;
}

/**
 * The earliest instant at which `milliseconds` (rounded to whole ones) of working time have
 * elapsed since `from`: `from` itself for 0, and the end of a working period (not the start of the
 * next) when the amount runs out exactly there.
 */
export function addBusinessMilliseconds(
  schedule: Schedule,
  from: Date,
  milliseconds: number,
): Date {
  const calendar = workingCalendar(schedule);
  const start = instant(from);
  if (!Number.isFinite(milliseconds) || milliseconds < 0) {
    throw new RangeError(`Cannot add ${milliseconds} ms of working time`);
  }
  let remaining = Math.round(milliseconds);
  if (!calendar || remaining === 0) return new Date(start + remaining);
  let cursor = start;
  let daysWithoutWork = 0;
  for (let day = localDay(calendar.zone, start); ; day++) {
    const intervals = workingIntervals(calendar, day);
    daysWithoutWork = intervals.length === 0 ? daysWithoutWork + 1 : 0;
    if (daysWithoutWork > MAX_DAYS_WITHOUT_WORK) {
      const first = isoDate(day - MAX_DAYS_WITHOUT_WORK);
      throw new Error(`Schedule has no working time in the ten years from ${first}`);
    }
    for (const interval of intervals) {
      const overlapStart = Math.max(interval.start, cursor);
      const available = interval.end - overlapStart;
      if (available <= 0) continue;
      if (remaining <= available) return new Date(overlapStart + remaining);
      remaining -= available;
      cursor = interval.end;
    }
  }
}

/** Working time between two instants, in seconds (millisecond precision); 0 when `to` ≤ `from`. */
export function businessSecondsBetween(schedule: Schedule, from: Date, to: Date): number {
  return businessMillisecondsBetween(schedule, from, to) / 1000;
}

/** The earliest instant at which `seconds` of working time have elapsed since `from`. */
export function addBusinessSeconds(schedule: Schedule, from: Date, seconds: number): Date {
  return addBusinessMilliseconds(schedule, from, seconds * 1000);
}

interface WorkingCalendar {
  zone: ZoneOffsets;
  /** Minutes of the day, by ISO weekday, sorted by start. */
  periods: Map<number, Array<{ start: number; end: number }>>;
  holidays: Set<string>;
}

/** Schedules ready for arithmetic, by content: every clock of a definition brings the same one. */
const calendars = new Map<string, WorkingCalendar | null>();
const MAX_CALENDARS = 1000;

/** The schedule ready for arithmetic, or null for 24x7; an invalid schedule is never remembered. */
function workingCalendar(schedule: Schedule): WorkingCalendar | null {
  const key = contentKey(schedule);
  const known = key === undefined ? undefined : calendars.get(key);
  if (known !== undefined) return known;
  const calendar = newWorkingCalendar(schedule);
  if (key !== undefined) {
    if (calendars.size >= MAX_CALENDARS) {
      const oldest = calendars.keys().next();
      if (!oldest.done) calendars.delete(oldest.value);
    }
    calendars.set(key, calendar);
  }
  return calendar;
}

/** What the arithmetic reads of a schedule, as text; undefined when it cannot be written as JSON. */
function contentKey({ timeZone, kind, hours, holidays }: Schedule): string | undefined {
  try {
    return JSON.stringify([
      timeZone,
      kind,
      hours.map(({ day, start, end }) => [day, start, end]),
      holidays,
    ]);
  } catch {
    return undefined;
  }
}

function newWorkingCalendar(schedule: Schedule): WorkingCalendar | null {
  const problems = validateSchedule(schedule);
  if (problems.length > 0) {
    const details = problems.map(({ field, message }) => `${field} ${message}`).join('; ');
    throw new RangeError(`Invalid schedule: ${details}`);
  }
  if (schedule.kind === '24x7') return null;
  const periods = new Map<number, Array<{ start: number; end: number }>>();
  for (const { day, start, end } of schedule.hours) {
    periods.set(day, [...(periods.get(day) ?? []), { start: minutes(start), end: minutes(end) }]);
  }
  for (const dayPeriods of periods.values()) dayPeriods.sort((a, b) => a.start - b.start);
  return {
    zone: zoneOffsets(schedule.timeZone),
    periods,
    holidays: new Set(schedule.holidays),
  };
}

/**
 * One day's working periods as instants, in order. Across a DST change they keep their wall-clock
 * times, so they last their real elapsed time; callers never count time before an earlier
 * period's end twice (a period starting in a spring-forward gap can move past the next one).
 */
function workingIntervals(
  calendar: WorkingCalendar,
  day: DayNumber,
): Array<{ start: number; end: number }> {
  const periods = calendar.periods.get(isoWeekday(day));
  if (!periods || calendar.holidays.has(isoDate(day))) return [];
  const instantOf = wallClockOfDay(calendar.zone, day);
  return periods.map(({ start, end }) => ({ start: instantOf(start), end: instantOf(end) }));
}

function periodProblems(period: WorkingPeriod, index: number): ScheduleProblem[] {
  const field = `hours[${index}]`;
  const problems: ScheduleProblem[] = [];
  if (!Number.isInteger(period.day) || period.day < 1 || period.day > 7) {
    problems.push({
      field: `${field}.day`,
      message: 'must be an ISO weekday from 1 (Monday) to 7 (Sunday)',
    });
  }
  if (!CLOCK_TIME.test(period.start)) {
    problems.push({ field: `${field}.start`, message: 'must be a time written HH:mm' });
  }
  if (!CLOCK_TIME.test(period.end) && period.end !== END_OF_DAY) {
    problems.push({ field: `${field}.end`, message: 'must be a time written HH:mm, or 24:00' });
  } else if (CLOCK_TIME.test(period.start) && minutes(period.end) <= minutes(period.start)) {
    problems.push({ field: `${field}.end`, message: 'must be after start' });
  }
  return problems;
}

function overlaps(hours: WorkingPeriod[]): ScheduleProblem[] {
  const valid = hours
    .map((period, index) => ({ ...period, index }))
    .filter((period) => periodProblems(period, period.index).length === 0);
  return valid.flatMap((period) =>
    valid
      .filter(
        (earlier) =>
          earlier.index < period.index &&
          earlier.day === period.day &&
          minutes(earlier.start) < minutes(period.end) &&
          minutes(period.start) < minutes(earlier.end),
      )
      .map((earlier) => ({
        field: `hours[${period.index}]`,
        message: `overlaps hours[${earlier.index}] on the same day`,
      })),
  );
}

function minutes(clockTime: string): number {
  const [hours = 0, minutesOfHour = 0] = clockTime.split(':').map(Number);
  return hours * 60 + minutesOfHour;
}

function isCalendarDate(text: string): boolean {
  const time = Date.parse(`${text}T00:00:00Z`);
  // Date.parse accepts 2026-02-30 as 2 March: reading it back catches that.
  return (
    ISO_DATE.test(text) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(text)
  );
}

function instant(date: Date): number {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError('Invalid date');
  return time;
}
