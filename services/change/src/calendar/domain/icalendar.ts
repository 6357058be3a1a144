/**
 * A small RFC 5545 writer: only what a published calendar of changes needs (VCALENDAR with
 * VEVENTs, times in UTC), with the two rules clients are strict about: text escaping (§3.3.11)
 * and folding lines longer than 75 octets (§3.1).
 */

export interface CalendarEvent {
  uid: string;
  /** When this version of the event was written: the record's last change. */
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  categories?: string[];
  /** Increases with each change of the event, so that clients replace their copy. */
  sequence?: number;
  status?: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** TEXT value: backslash, semicolon and comma escaped, every line break as `\n`. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A UTC DATE-TIME: `20261205T220000Z`. */
export function utcDateTime(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * A content line folded so that no line exceeds 75 octets (CRLF not counted): each continuation
 * starts with one space, which counts; a UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > MAX_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

function eventLines(event: CalendarEvent): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utcDateTime(event.stamp)}`,
    `DTSTART:${utcDateTime(event.start)}`,
    `DTEND:${utcDateTime(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.categories?.length
      ? [`CATEGORIES:${event.categories.map(escapeText).join(',')}`]
      : []),
    ...(event.sequence !== undefined ? [`SEQUENCE:${event.sequence}`] : []),
    ...(event.status ? [`STATUS:${event.status}`] : []),
    'END:VEVENT',
  ];
}

/**
 * A whole published calendar, CRLF after every line, as RFC 5545 wants; `description` becomes
 * `X-WR-CALDESC`, which Outlook, Google and Apple show with the calendar.
 */
export function writeCalendar(
  name: string,
  events: readonly CalendarEvent[],
  description?: string,
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//ITSM//Change calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    ...(description ? [`X-WR-CALDESC:${escapeText(description)}`] : []),
    ...events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
