import { escapeText, foldLine, utcDateTime, writeCalendar } from './icalendar';

describe('the iCalendar writer (RFC 5545)', () => {
  it('escapes backslashes, semicolons, commas and line breaks in text', () => {
    expect(escapeText('a\\b; c, d\ne\r\nf')).toBe('a\\\\b\\; c\\, d\\ne\\nf');
  });

  it('writes times in UTC without separators', () => {
    expect(utcDateTime(new Date('2026-12-05T22:00:00.123Z'))).toBe('20261205T220000Z');
  });

  it('leaves a line of 75 octets alone and folds a longer one with a leading space', () => {
    const line = `SUMMARY:${'x'.repeat(67)}`;
    expect(foldLine(line)).toBe(line);
    const long = `SUMMARY:${'x'.repeat(200)}`;
    const folded = foldLine(long).split('\r\n');
    expect(folded.map((l) => Buffer.byteLength(l))).toEqual([75, 75, 1 + (208 - 75 - 74)]);
    expect(folded.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(long);
  });

  it('counts octets, not characters, and never splits a character', () => {
    const line = `SUMMARY:${'é'.repeat(60)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(folded[0]).toBe(`SUMMARY:${'é'.repeat(33)}`);
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(line);
  });

  it('writes a calendar of events with CRLF line ends', () => {
    const text = writeCalendar('Changes, network', [
      {
        uid: 'c1@change.itsm',
        stamp: new Date('2026-12-01T10:00:00Z'),
        start: new Date('2026-12-05T22:00:00Z'),
        end: new Date('2026-12-05T23:30:00Z'),
        summary: 'CHG0000310 Upgrade PostgreSQL; 17.2',
        description: 'normal, scheduled\nrisk moderate',
        categories: ['normal', 'scheduled'],
        sequence: 4,
        status: 'CONFIRMED',
      },
    ]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '\n').replace(/\n$/, '').includes('\r')).toBe(false);
    expect(text.split('\r\n')).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//ITSM//Change calendar//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:Changes\\, network',
      'BEGIN:VEVENT',
      'UID:c1@change.itsm',
      'DTSTAMP:20261201T100000Z',
      'DTSTART:20261205T220000Z',
      'DTEND:20261205T233000Z',
      'SUMMARY:CHG0000310 Upgrade PostgreSQL\\; 17.2',
      'DESCRIPTION:normal\\, scheduled\\nrisk moderate',
      'CATEGORIES:normal,scheduled',
      'SEQUENCE:4',
      'STATUS:CONFIRMED',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ]);
  });
});
