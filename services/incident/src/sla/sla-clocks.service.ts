import { Inject, Injectable } from '@nestjs/common';
import { slaBreached, slaWarning } from '@itsm/contracts';
import { Outbox } from '@itsm/messaging';
import type { EntityManager } from 'typeorm';
import {
  alertFacts,
  slaView,
  unsentAlerts,
  type AppliedSlaClock,
  type SlaAlert,
  type SlaRow,
  type SlaView,
} from '@itsm/sla';
import { CLOCK_RECORD_COLUMNS, clockRecord, SlaClockTable } from '@itsm/sla/timer';
import type { Incident } from '../incidents/incident.entity';
import {
  incidentSlaClock,
  type IncidentSlaDefinition,
  type IncidentSlaTarget,
  type IncidentTimelinePoint,
} from './domain/incident-sla-clock';

/** The order an incident's clocks are shown in, of a relation `of` with the definitions' columns. */
export const CLOCK_ORDER = (of: string) => `${of}.target DESC, ${of}.name`;

/** The columns of a stored clock, named (a prepared statement's result must not follow the table). */
const STORED_CLOCK_COLUMNS =
  'id, incident_id, definition_id, stage, started_at, elapsed_seconds, due_at, breached_at, ended_at, alerts_sent, next_alert_at, updated_at';

export type IncidentSlaRow = SlaRow<IncidentSlaTarget> & { incident_id: string };

interface DefinitionRow {
  id: string;
  name: string;
  target: IncidentSlaTarget;
  priorities: number[];
  duration_seconds: number;
  pause_on_hold: boolean;
  time_zone: string;
  kind: '24x7' | 'business_hours';
  hours: IncidentSlaDefinition['schedule']['hours'];
  holidays: string[];
}

/** The incidents' clocks, a row per incident and definition; an alert locks the incident too. */
export const INCIDENT_CLOCKS = new SlaClockTable({
  clocks: 'incident_slas',
  subjectColumn: 'incident_id',
  lock: { table: 'incidents', column: 'incident_id' },
});

interface StoredClock {
  id: string;
  definition_id: string;
  alerts_sent: number[];
}

/**
 * The SLA clocks of incidents, stored. Each clock is `incidentSlaClock` of the incident's timeline (its
 * state, priority and acknowledgement at each change) and the definition: recomputed whenever the
 * incident changes, or its definition or schedule does. `next_alert_at` is the moment the next
 * warning or breach is due; `SlaTimer` fires it then, once, on whichever replica gets there first.
 */
@Injectable()
export class SlaClocksService {
  constructor(@Inject(Outbox) private readonly outbox: Outbox) {}

  /** Starts the timeline and the clocks of an incident just opened. */
  async open(manager: EntityManager, incident: Incident, now: Date): Promise<void> {
    const point = this.pointOf(incident, now);
    await this.appendPoint(manager, incident.id, point);
    await this.recompute(manager, incident.id, now, { timeline: [point], stored: [] });
  }

  /**
   * The first timeline point and the clocks of an incident being opened, as part of the statement
   * that inserts it (`incident`: the name of a CTE returning its `id`), with `definitions` in
   * force: what `open` writes, numbering parameters from `firstParam`. The part returns the stored
   * clocks; `clockRowsOf` gives them as `viewsOf` reads them.
   */
  openingPart(
    incident: Incident,
    now: Date,
    definitions: readonly IncidentSlaDefinition[],
    { firstParam, from }: { firstParam: number; from: string },
  ): { timeline: string; clocks: string; params: unknown[] } {
    const point = this.pointOf(incident, now);
    const clocks = definitions
      .filter((d) => d.priorities.includes(point.priority))
      .map((definition) => ({ definition, clock: incidentSlaClock(definition, [point], now) }))
      .filter(
        (c): c is { definition: IncidentSlaDefinition; clock: AppliedSlaClock } => c.clock.applies,
      )
      .map(({ definition, clock }) =>
        clockRecord({ definitionId: definition.id, clock, alertsSent: [] }),
      );
    const p = (i: number) => `$${firstParam + i}`;
    return {
      timeline: `INSERT INTO incident_timeline (incident_id, at, state, priority, acknowledged)
         SELECT ${from}.id, ${p(0)}, ${p(1)}, ${p(2)}, ${p(3)} FROM ${from}`,
      clocks: `INSERT INTO incident_slas (incident_id, definition_id, stage, started_at, elapsed_seconds,
              due_at, breached_at, ended_at, next_alert_at, updated_at)
         SELECT ${from}.id, r.definition_id, r.stage, r.started_at, r.elapsed_seconds, r.due_at,
                r.breached_at, r.ended_at, r.next_alert_at, ${p(0)}
           FROM ${from}, jsonb_to_recordset(${p(4)}::jsonb) AS r (${CLOCK_RECORD_COLUMNS})
         RETURNING ${STORED_CLOCK_COLUMNS}`,
      params: [now, point.state, point.priority, point.acknowledged, JSON.stringify(clocks)],
    };
  }

  /**
   * The clocks of `clocks` (a CTE of stored clocks) with their definitions and schedules, as
   * `viewsOf` reads them (to be ordered by `CLOCK_ORDER`).
   */
  clockRowsOf(clocks: string): string {
    const columns = STORED_CLOCK_COLUMNS.split(', ').map((column) => `s.${column}`);
    return `SELECT ${columns.join(', ')}, d.name, d.target, d.duration_seconds, c.time_zone, c.kind, c.hours, c.holidays
         FROM ${clocks} s JOIN sla_definitions d ON d.id = s.definition_id
         JOIN sla_schedules c ON c.id = d.schedule_id`;
  }

  /** The API's view of stored clocks read with `clockRowsOf`. */
  viewsOfRows(rows: readonly IncidentSlaRow[], now = new Date()): SlaView<IncidentSlaTarget>[] {
    return rows.map((row) => slaView(row, now));
  }

  /** Records the incident's situation in its timeline when it changed, and recomputes its clocks. */
  async reconcile(manager: EntityManager, incident: Incident, clock: Date): Promise<void> {
    const [last] = (await manager.query(
      `SELECT at, state, priority, acknowledged FROM incident_timeline
        WHERE incident_id = $1 ORDER BY id DESC LIMIT 1`,
      [incident.id],
    )) as IncidentTimelinePoint[];
    const now = notBefore(clock, last);
    const point = this.pointOf(incident, now);
    const changed =
      !last ||
      last.state !== point.state ||
      last.priority !== point.priority ||
      last.acknowledged !== point.acknowledged;
    if (!changed) return;
    await this.appendPoint(manager, incident.id, point);
    await this.recompute(manager, incident.id, now);
  }

  /**
   * Recomputes every clock of an incident from its timeline; alerts already sent stay sent. A caller
   * that knows the timeline and the stored clocks (a new incident), or the definitions in force (the
   * repair, for a whole batch), passes them.
   */
  async recompute(
    manager: EntityManager,
    incidentId: string,
    now: Date,
    known: {
      timeline?: IncidentTimelinePoint[];
      stored?: StoredClock[];
      definitions?: IncidentSlaDefinition[];
    } = {},
  ): Promise<void> {
    // One connection (the caller's transaction): one query at a time.
    const timeline = known.timeline ?? (await this.timelineOf(manager, incidentId));
    const at = notBefore(now, timeline.at(-1));
    const definitions = known.definitions ?? (await this.definitionsInForce(manager));
    const stored =
      known.stored ??
      ((await manager.query(
        'SELECT id, definition_id, alerts_sent FROM incident_slas WHERE incident_id = $1',
        [incidentId],
      )) as StoredClock[]);
    const sent = new Map(stored.map((row) => [row.definition_id, row.alerts_sent]));
    const priorities = new Set(timeline.map((point) => point.priority));
    // A definition for none of the priorities the incident ever had cannot apply: skip its arithmetic.
    const clocks = definitions
      .filter((d) => d.priorities.some((p) => priorities.has(p)))
      .map((definition) => ({ definition, clock: incidentSlaClock(definition, timeline, at) }))
      .filter(
        (c): c is { definition: IncidentSlaDefinition; clock: AppliedSlaClock } => c.clock.applies,
      );
    await INCIDENT_CLOCKS.store(
      manager,
      incidentId,
      at,
      clocks.map(({ definition, clock }) => ({
        definitionId: definition.id,
        clock,
        alertsSent: sent.get(definition.id) ?? [],
      })),
    );
    const cancelled = stored.filter(
      (row) => !clocks.some((c) => c.definition.id === row.definition_id),
    );
    if (cancelled.length > 0) await this.stop(manager, cancelled, at);
  }

  /**
   * Stops the clocks whose definition was retired or no longer covers the incident: cancelled, or
   * still breached if they had been, with the working time they had counted by `at`.
   */
  private async stop(manager: EntityManager, clocks: StoredClock[], at: Date): Promise<void> {
    const running = await this.clockRows(manager, 's.id = ANY($1) AND s.ended_at IS NULL', [
      clocks.map((clock) => clock.id),
    ]);
    if (running.length === 0) return;
    await manager.query(
      `UPDATE incident_slas s SET stage = CASE WHEN s.stage = 'breached' THEN s.stage ELSE 'cancelled' END,
              elapsed_seconds = e.elapsed, ended_at = $3, due_at = NULL, next_alert_at = NULL, updated_at = $3
         FROM unnest($1::uuid[], $2::int[]) AS e (id, elapsed)
        WHERE s.id = e.id`,
      [running.map((row) => row.id), running.map((row) => slaView(row, at).elapsedSeconds), at],
    );
  }

  /**
   * Publishes the alerts of this clock that are due and not sent yet, each at the moment it was
   * reached (also when that was while no replica ran), and schedules the next one. The caller
   * holds the clock's row lock, so two replicas never send the same alert.
   */
  async fireDue(manager: EntityManager, slaId: string, now: Date): Promise<number> {
    const [row] = (await manager.query(
      `SELECT s.id, s.incident_id, s.definition_id, s.alerts_sent, i.number
         FROM incident_slas s JOIN incidents i ON i.id = s.incident_id WHERE s.id = $1`,
      [slaId],
    )) as Array<StoredClock & { incident_id: string; number: string }>;
    if (!row) return 0;
    const [definition] = await this.definitionsInForce(manager, row.definition_id);
    const timeline = await this.timelineOf(manager, row.incident_id);
    const at = notBefore(now, timeline.at(-1));
    const clock = definition && incidentSlaClock(definition, timeline, at);
    if (!definition || !clock?.applies) {
      // Nothing left to announce: the definition no longer covers the incident, or it was retired,
      // in which case alerts not sent by then are dropped and the SLA repair cancels the clock.
      await INCIDENT_CLOCKS.wakeAt(manager, slaId, null);
      return 0;
    }
    const unsent = unsentAlerts(clock, row.alerts_sent);
    const record = { slaId, definition, incidentId: row.incident_id, number: row.number, clock };
    await this.outbox.publishMany(
      manager,
      unsent.map((alert) => this.alertEvent(record, alert)),
    );
    await INCIDENT_CLOCKS.store(manager, row.incident_id, at, [
      {
        definitionId: definition.id,
        clock,
        alertsSent: [...row.alerts_sent, ...unsent.map((alert) => alert.percent)],
      },
    ]);
    return unsent.length;
  }

  async viewsOf(
    manager: EntityManager,
    incidentIds: readonly string[],
  ): Promise<Map<string, SlaView<IncidentSlaTarget>[]>> {
    const views = new Map<string, SlaView<IncidentSlaTarget>[]>();
    if (incidentIds.length === 0) return views;
    const rows = await this.clockRows(manager, 's.incident_id = ANY($1)', [incidentIds]);
    const now = new Date();
    for (const row of rows) {
      const list = views.get(row.incident_id) ?? [];
      list.push(slaView(row, now));
      views.set(row.incident_id, list);
    }
    return views;
  }

  /** Stored clocks with their definition's name and target and their schedule. */
  private async clockRows(manager: EntityManager, where: string, params: unknown[]) {
    return (await manager.query(
      `SELECT s.*, d.name, d.target, d.duration_seconds, c.time_zone, c.kind, c.hours, c.holidays
         FROM incident_slas s JOIN sla_definitions d ON d.id = s.definition_id
         JOIN sla_schedules c ON c.id = d.schedule_id
        WHERE ${where} ORDER BY ${CLOCK_ORDER('d')}`,
      params,
    )) as IncidentSlaRow[];
  }

  private pointOf(incident: Incident, at: Date): IncidentTimelinePoint {
    return {
      at,
      state: incident.state,
      priority: incident.priority,
      acknowledged: incident.acknowledgedAt !== null,
    };
  }

  private async appendPoint(
    manager: EntityManager,
    incidentId: string,
    point: IncidentTimelinePoint,
  ) {
    await manager.query(
      `INSERT INTO incident_timeline (incident_id, at, state, priority, acknowledged)
       VALUES ($1, $2, $3, $4, $5)`,
      [incidentId, point.at, point.state, point.priority, point.acknowledged],
    );
  }

  private alertEvent(
    record: {
      slaId: string;
      definition: IncidentSlaDefinition;
      incidentId: string;
      number: string;
      clock: AppliedSlaClock;
    },
    alert: SlaAlert,
  ) {
    const { slaId, definition, incidentId, number, clock } = record;
    const { dueAt, elapsedSeconds } = alertFacts(definition, clock, alert);
    const common = {
      slaId,
      definitionId: definition.id,
      definitionName: definition.name,
      recordType: 'incident' as const,
      recordId: incidentId,
      recordNumber: number,
      target: definition.target,
      dueAt: dueAt.toISOString(),
      elapsedSeconds,
    };
    if (alert.percent === 100) {
      return {
        definition: slaBreached,
        aggregateId: incidentId,
        time: alert.at,
        data: { ...common, breachedAt: alert.at.toISOString() },
      };
    }
    return {
      definition: slaWarning,
      aggregateId: incidentId,
      time: alert.at,
      data: { ...common, percentElapsed: alert.percent, at: alert.at.toISOString() },
    };
  }

  private async timelineOf(
    manager: EntityManager,
    incidentId: string,
  ): Promise<IncidentTimelinePoint[]> {
    const rows = (await manager.query(
      `SELECT at, state, priority, acknowledged FROM incident_timeline WHERE incident_id = $1 ORDER BY id`,
      [incidentId],
    )) as IncidentTimelinePoint[];
    return rows;
  }

  /** The definitions in force, or the one of them with this id. */
  async definitionsInForce(manager: EntityManager, id?: string): Promise<IncidentSlaDefinition[]> {
    const rows = (await manager.query(
      `SELECT d.id, d.name, d.target, d.priorities, d.duration_seconds, d.pause_on_hold,
              s.time_zone, s.kind, s.hours, s.holidays
         FROM sla_definitions d JOIN sla_schedules s ON s.id = d.schedule_id
        WHERE d.active AND ($1::uuid IS NULL OR d.id = $1)`,
      [id ?? null],
    )) as DefinitionRow[];
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      target: row.target,
      priorities: row.priorities as IncidentSlaDefinition['priorities'],
      durationSeconds: row.duration_seconds,
      pauseOnHold: row.pause_on_hold,
      schedule: {
        timeZone: row.time_zone,
        kind: row.kind,
        hours: row.hours,
        holidays: row.holidays,
      },
    }));
  }
}

/**
 * Replicas' clocks differ a little: an incident's time never runs backwards, so a change (or an
 * alert) judged on a replica behind the last point's writer counts from that point on.
 */
function notBefore(now: Date, last: IncidentTimelinePoint | undefined): Date {
  return last && last.at > now ? last.at : now;
}
