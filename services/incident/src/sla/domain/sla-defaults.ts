import type { Schedule } from '@itsm/calendar';
import type { IncidentSlaDefinition } from './incident-sla-clock';

export type NamedSchedule = Schedule & { name: string };

/** A seeded definition names its schedule instead of embedding it; the store assigns the id. */
export type SeededSlaDefinition = Omit<IncidentSlaDefinition, 'id' | 'schedule'> & {
  scheduleName: string;
};

/** Both seeded schedules read their hours in UTC: an installation sets its own zone and holidays. */
export const DEFAULT_SCHEDULES: readonly NamedSchedule[] = [
  { name: '24x7', timeZone: 'UTC', kind: '24x7', hours: [], holidays: [] },
  {
    name: 'Business hours',
    timeZone: 'UTC',
    kind: 'business_hours',
    hours: ([1, 2, 3, 4, 5] as const).map((day) => ({ day, start: '08:00', end: '17:00' })),
    holidays: [],
  },
];

const MINUTE = 60;
const HOUR = 60 * MINUTE;
/** The working hours of one day of the seeded business schedule (08:00–17:00). */
const BUSINESS_DAY = 9 * HOUR;

const seed = (
  priority: IncidentSlaDefinition['priorities'][number],
  target: IncidentSlaDefinition['target'],
  label: string,
  durationSeconds: number,
  scheduleName: string,
): SeededSlaDefinition => ({
  name: `Priority ${priority} ${target} (${label})`,
  target,
  priorities: [priority],
  durationSeconds,
  scheduleName,
  pauseOnHold: true,
});

/** Priority 5 has no target. */
export const DEFAULT_SLA_DEFINITIONS: readonly SeededSlaDefinition[] = [
  seed(1, 'resolution', '8 hour', 8 * HOUR, '24x7'),
  seed(1, 'response', '15 minute', 15 * MINUTE, '24x7'),
  seed(2, 'resolution', '1 business day', BUSINESS_DAY, 'Business hours'),
  seed(2, 'response', '1 hour', HOUR, 'Business hours'),
  seed(3, 'resolution', '3 business days', 3 * BUSINESS_DAY, 'Business hours'),
  seed(3, 'response', '4 hour', 4 * HOUR, 'Business hours'),
  seed(4, 'resolution', '5 business days', 5 * BUSINESS_DAY, 'Business hours'),
  seed(4, 'response', '1 business day', BUSINESS_DAY, 'Business hours'),
];
