import type { EntityManager } from 'typeorm';
import { nextAlertAt } from '../domain/sla-alerts';
import type { AppliedSlaClock } from '../domain/sla-clock';

/** A clock as computed, to be written with the alerts already announced. */
export interface ClockToStore {
  definitionId: string;
  clock: AppliedSlaClock;
  alertsSent: readonly number[];
}

/**
 * A clock as a record of the JSON array a statement reads with
 * `jsonb_to_recordset(<param>::jsonb) AS r (${CLOCK_RECORD_COLUMNS})`: what `store` writes, for a
 * caller that writes clocks in a statement of its own (an incident and its clocks, at once).
 */
export function clockRecord({ definitionId, clock, alertsSent }: ClockToStore) {
  return {
    definition_id: definitionId,
    stage: clock.stage,
    started_at: clock.startedAt,
    elapsed_seconds: clock.elapsedSeconds,
    due_at: clock.dueAt,
    breached_at: clock.breachedAt,
    ended_at: clock.endedAt,
    alerts_sent: alertsSent,
    next_alert_at: nextAlertAt(clock, alertsSent),
  };
}

/** The columns of `clockRecord`'s records, typed, as `jsonb_to_recordset` reads them. */
export const CLOCK_RECORD_COLUMNS = `definition_id uuid, stage text, started_at timestamptz,
              elapsed_seconds integer, due_at timestamptz, breached_at timestamptz, ended_at timestamptz,
              alerts_sent jsonb, next_alert_at timestamptz`;

/**
 * A column of the clocks' table that the subject, not the clock, fills (a definition kept with
 * the clock, the subject's timeline): written with every clock, on insert and on update.
 */
export interface SubjectColumn {
  value: unknown;
  type: 'text' | 'integer' | 'uuid' | 'jsonb' | 'text[]';
}

/**
 * Where a service keeps its subjects' clocks: a table with a row per subject and definition
 * (`UNIQUE (<subject column>, definition_id)`) and the columns `id, definition_id, stage,
 * started_at, elapsed_seconds, due_at, breached_at, ended_at, alerts_sent smallint[],
 * next_alert_at, updated_at`. Names are the service's constants, never input.
 */
export interface SlaClockTableNames {
  /** e.g. `incident_slas`. */
  clocks: string;
  /** The clocks' column naming the subject, e.g. `incident_id`. */
  subjectColumn: string;
  /**
   * The row every change of the subject locks (the incident; a requested item's request), locked
   * with a clock that fires: `column` of the clocks' table is its id.
   */
  lock: { table: string; column: string };
}

/** Writes and schedules the stored clocks of one kind of subject. */
export class SlaClockTable {
  constructor(readonly names: SlaClockTableNames) {}

  /**
   * Writes clocks (new or recomputed) in one statement, as computed at `computedAt`, each with
   * the moment its timer is next due. Alerts once sent stay sent, also when a concurrent writer
   * recorded one this write does not know. `subjectColumns` are the table's other columns.
   */
  async store(
    manager: EntityManager,
    subjectId: string,
    computedAt: Date,
    clocks: readonly ClockToStore[],
    subjectColumns: Readonly<Record<string, SubjectColumn>> = {},
  ): Promise<void> {
    if (clocks.length === 0) return;
    const { clocks: table, subjectColumn } = this.names;
    const extra = Object.entries(subjectColumns);
    const names = extra.map(([name]) => `, ${name}`).join('');
    const values = extra.map(([, column], i) => `, $${i + 4}::${column.type}`).join('');
    const updates = extra.map(([name]) => `, ${name} = excluded.${name}`).join('');
    const rows = clocks.map(clockRecord);
    await manager.query(
      `INSERT INTO ${table} (${subjectColumn}${names}, definition_id, stage, started_at, elapsed_seconds,
              due_at, breached_at, ended_at, alerts_sent, next_alert_at, updated_at)
       SELECT $1${values}, r.definition_id, r.stage, r.started_at, r.elapsed_seconds, r.due_at, r.breached_at,
              r.ended_at, ARRAY(SELECT jsonb_array_elements_text(r.alerts_sent)::smallint), r.next_alert_at, $3::timestamptz
         FROM jsonb_to_recordset($2::jsonb) AS r (${CLOCK_RECORD_COLUMNS})
       ON CONFLICT (${subjectColumn}, definition_id) DO UPDATE SET stage = excluded.stage,
              started_at = excluded.started_at, elapsed_seconds = excluded.elapsed_seconds,
              due_at = excluded.due_at, breached_at = excluded.breached_at, ended_at = excluded.ended_at,
              alerts_sent = ARRAY(SELECT DISTINCT unnest(${table}.alerts_sent || excluded.alerts_sent) ORDER BY 1),
              next_alert_at = excluded.next_alert_at,
              updated_at = excluded.updated_at${updates}`,
      [
        subjectId,
        JSON.stringify(rows),
        computedAt,
        ...extra.map(([, c]) => (c.type === 'jsonb' ? JSON.stringify(c.value) : c.value)),
      ],
    );
  }

  /**
   * Up to `limit` clocks due by `now`, each locked with its subject, skipping those locked: a
   * change in flight (which holds the subject) is waited out by skipping, so an alert is never
   * judged on a history missing that change, and replicas never take the same clock.
   */
  async claimDue(manager: EntityManager, now: Date, limit: number): Promise<string[]> {
    const { clocks, lock } = this.names;
    const rows = (await manager.query(
      `SELECT s.id FROM ${clocks} s JOIN ${lock.table} i ON i.id = s.${lock.column}
        WHERE s.next_alert_at <= $1
        ORDER BY s.next_alert_at LIMIT ${limit} FOR NO KEY UPDATE OF s, i SKIP LOCKED`,
      [now],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  /** When the clock's timer is next due; null: it has nothing left to announce. */
  async wakeAt(manager: EntityManager, clockId: string, at: Date | null): Promise<void> {
    await manager.query(`UPDATE ${this.names.clocks} SET next_alert_at = $2 WHERE id = $1`, [
      clockId,
      at,
    ]);
  }
}
