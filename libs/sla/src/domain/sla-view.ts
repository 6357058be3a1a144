import { businessSecondsBetween, type Schedule } from '@itsm/calendar';
import type { SlaStage } from './sla-definition';

/** A stored clock with its definition's name, target and duration and its schedule's columns. */
export interface SlaRow<Target extends string = string> {
  id: string;
  definition_id: string;
  name: string;
  target: Target;
  duration_seconds: number;
  stage: SlaStage;
  started_at: Date;
  elapsed_seconds: number;
  due_at: Date | null;
  breached_at: Date | null;
  ended_at: Date | null;
  updated_at: Date;
  time_zone: string;
  kind: Schedule['kind'];
  hours: Schedule['hours'];
  holidays: string[];
}

/**
 * A clock as the API shows it at `now`. Stored clocks are exact as of their computation
 * (`updated_at`); a clock still counting (a due time, no end) has counted on since, by the working
 * time of its schedule — also after its breach. A counting clock past its due time is shown
 * breached even before the timer has announced it.
 */
export function slaView<Target extends string>(row: SlaRow<Target>, now: Date) {
  const counting = row.due_at !== null && row.ended_at === null;
  const overdue = counting && row.due_at! <= now;
  const elapsedSeconds = counting ? liveElapsedSeconds(row, now) : row.elapsed_seconds;
  return {
    id: row.id,
    definitionId: row.definition_id,
    name: row.name,
    target: row.target,
    stage: overdue ? 'breached' : row.stage,
    targetSeconds: row.duration_seconds,
    startedAt: row.started_at,
    dueAt: row.due_at,
    breachedAt: row.breached_at ?? (overdue ? row.due_at : null),
    endedAt: row.ended_at,
    elapsedSeconds,
    percentElapsed: Math.floor((100 * elapsedSeconds) / row.duration_seconds),
    computedAt: row.updated_at,
  };
}

function liveElapsedSeconds(row: SlaRow, now: Date): number {
  if (now <= row.updated_at) return row.elapsed_seconds;
  const schedule = {
    timeZone: row.time_zone,
    kind: row.kind,
    hours: row.hours,
    holidays: row.holidays,
  };
  return row.elapsed_seconds + Math.floor(businessSecondsBetween(schedule, row.updated_at, now));
}

export type SlaView<Target extends string = string> = ReturnType<typeof slaView<Target>>;
