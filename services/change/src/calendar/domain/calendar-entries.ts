import type { CalendarEvent } from './icalendar';

/** A change as the calendar shows it. */
export interface CalendarChange {
  id: string;
  number: string;
  type: string;
  state: string;
  shortDescription: string;
  risk: string | null;
  plannedStart: Date;
  plannedEnd: Date;
  affectedCiIds: string[];
  updatedAt: Date;
  version: number;
}

/** A freeze as the calendar shows it. */
export interface CalendarBlackout {
  id: string;
  name: string;
  reason: string | null;
  scope: string;
  start: Date;
  end: Date;
  updatedAt: Date;
  version: number;
}

const SUMMARY_TEXT = 120;

/** The short description, cut at a word near 120 characters: a calendar cell shows little. */
function short(text: string): string {
  if (text.length <= SUMMARY_TEXT) return text;
  const cut = text.slice(0, SUMMARY_TEXT);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), SUMMARY_TEXT - 20))}…`;
}

/** A change is tentative until scheduled, cancelled when canceled. */
function status(state: string): CalendarEvent['status'] {
  if (state === 'canceled') return 'CANCELLED';
  return ['scheduled', 'implement', 'review', 'closed'].includes(state) ? 'CONFIRMED' : 'TENTATIVE';
}

export function changeEvent(change: CalendarChange): CalendarEvent {
  return {
    uid: `${change.id}@change.itsm`,
    stamp: change.updatedAt,
    start: change.plannedStart,
    end: change.plannedEnd,
    summary: `${change.number} ${short(change.shortDescription)}`,
    description: [
      `${change.type} change, ${change.state}`,
      ...(change.risk ? [`risk: ${change.risk}`] : []),
      `CIs: ${change.affectedCiIds.join(', ') || 'none'}`,
    ].join('\n'),
    categories: ['change', change.type, change.state],
    sequence: change.version,
    status: status(change.state),
  };
}

export function blackoutEvent(blackout: CalendarBlackout): CalendarEvent {
  return {
    uid: `${blackout.id}@blackout.itsm`,
    stamp: blackout.updatedAt,
    start: blackout.start,
    end: blackout.end,
    summary: `Freeze: ${blackout.name}`,
    description: [`scope: ${blackout.scope}`, ...(blackout.reason ? [blackout.reason] : [])].join(
      '\n',
    ),
    categories: ['blackout'],
    sequence: blackout.version,
    status: 'CONFIRMED',
  };
}
