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
}

/**
 * A clock as the API shows it. Stored clocks are exact as of their last computation; a running
 * clock whose due time has passed is shown breached even before the timer has announced it.
 */
export function slaView(row: SlaRow, now: Date) {
  const overdue = row.stage === 'in_progress' && row.due_at !== null && row.due_at <= now;
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
    elapsedSeconds: row.elapsed_seconds,
    percentElapsed: Math.floor((100 * row.elapsed_seconds) / row.duration_seconds),
    computedAt: row.updated_at,
  };
}

export type SlaView = ReturnType<typeof slaView>;
