import { businessSecondsBetween, type Schedule } from './schedule';
import type { SlaStage } from './sla-clock';

export interface SlaRow {
  id: string;
  incident_id: string;
  definition_id: string;
  name: string;
  target: 'response' | 'resolution';
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
 * A clock as the API shows it at `now`. Stored clocks are exact as of their last computation; a
 * running clock counts on since, so its elapsed time is read from its due time: the working time
 * left until then, or passed since. A running clock past its due time is shown breached even
 * before the timer has announced it.
 */
export function slaView(row: SlaRow, now: Date) {
  // A clock keeps counting after its breach (stage breached, due_at the breach instant).
  const running = (row.stage === 'in_progress' || row.stage === 'breached') && row.due_at !== null;
  const overdue = running && row.due_at! <= now;
  const elapsedSeconds = running ? liveElapsedSeconds(row, now) : row.elapsed_seconds;
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
  const schedule = {
    timeZone: row.time_zone,
    kind: row.kind,
    hours: row.hours,
    holidays: row.holidays,
  };
  const due = row.due_at!;
  const seconds =
    now < due
      ? row.duration_seconds - businessSecondsBetween(schedule, now, due)
      : row.duration_seconds + businessSecondsBetween(schedule, due, now);
  // Never less than what was stored: the stored figure is exact as of its computation.
  return Math.max(row.elapsed_seconds, Math.floor(seconds));
}

export type SlaView = ReturnType<typeof slaView>;
