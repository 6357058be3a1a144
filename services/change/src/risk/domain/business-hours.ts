import { businessMillisecondsBetween, type Schedule } from '@itsm/calendar';

/** Whether any part of a planned window lies outside the schedule's working time. */
export function outsideBusinessHours(schedule: Schedule, start: Date, end: Date): boolean {
  return businessMillisecondsBetween(schedule, start, end) < end.getTime() - start.getTime();
}
