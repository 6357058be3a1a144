import { ValidateBy } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A calendar date (`2026-11-28`, midnight UTC) or a date-time with its offset, naming a real
 * instant: what both JavaScript and PostgreSQL read the same way (callers hand PostgreSQL the
 * `Date`, so a date is midnight UTC whatever the session's time zone). ISO 8601's other forms (week
 * dates, no offset, `2026-02-30`) are refused rather than guessed at.
 */
export function isTimestamp(value: unknown): value is string {
  if (typeof value !== 'string' || !(DATE.test(value) || DATE_TIME.test(value))) return false;
  // ISO 8601's year 0000 (1 BC) is one PostgreSQL does not read.
  if (value.startsWith('0000')) return false;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) return false;
  // Date rolls 2026-02-30 over to March: the day written must be the day read.
  const day = value.slice(0, 10);
  const offset = DATE.test(value) ? 0 : offsetMinutes(value);
  const local = new Date(parsed.getTime() + offset * 60_000).toISOString().slice(0, 10);
  return local === day;
}

function offsetMinutes(value: string): number {
  const match = /([+-])(\d{2}):(\d{2})$/.exec(value);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** `@IsTimestamp()`: a query or body field holding an instant, see `isTimestamp`. */
export function IsTimestamp(): PropertyDecorator {
  return ValidateBy({
    name: 'isTimestamp',
    validator: {
      validate: isTimestamp,
      defaultMessage: (args) =>
        `${args?.property ?? 'value'} must be a date (2026-11-28) or a date-time with offset (2026-11-28T09:30:00Z)`,
    },
  });
}
