import type { MigrationInterface, QueryRunner } from 'typeorm';
import { INCIDENT_STATES } from '@itsm/contracts';
import { DEFAULT_PRIORITY_MATRIX } from '../priority/domain/priority-matrix';
import { DEFAULT_SCHEDULES, DEFAULT_SLA_DEFINITIONS } from '../sla/domain/sla-defaults';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** Incidents, their notes, communications, SLA clocks, the CI projection and the seeded defaults. */
export class CreateIncidents1764800000000 implements MigrationInterface {
  name = 'CreateIncidents1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await runner.query(`CREATE SEQUENCE incident_number`);
    await runner.query(`
      CREATE TABLE incidents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE
          DEFAULT 'INC' || lpad(nextval('incident_number')::text, 7, '0'),
        short_description text NOT NULL CHECK (length(short_description) BETWEEN 1 AND 160),
        description text,
        category text,
        state text NOT NULL CHECK (state IN (${list(INCIDENT_STATES)})),
        on_hold_reason text,
        resolution_code text,
        resolution_notes text,
        impact smallint NOT NULL CHECK (impact BETWEEN 1 AND 3),
        urgency smallint NOT NULL CHECK (urgency BETWEEN 1 AND 3),
        priority smallint NOT NULL CHECK (priority BETWEEN 1 AND 5),
        priority_set_by text,
        channel text NOT NULL,
        caller_id text NOT NULL,
        opened_by text NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        assignment_group text,
        assignee text,
        configuration_item_id uuid,
        impacted_services jsonb NOT NULL DEFAULT '[]',
        major boolean NOT NULL DEFAULT false,
        major_declared_at timestamptz,
        major_declared_by text,
        major_reason text,
        parent_id uuid REFERENCES incidents (id),
        problem_id uuid,
        caused_by_change_id uuid,
        acknowledged_at timestamptz,
        resolved_at timestamptz,
        closed_at timestamptz,
        reopen_count integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    for (const [index, columns] of [
      ['incident_opened', 'opened_at DESC, id DESC'],
      ['incident_state', 'state, priority'],
      ['incident_group', 'assignment_group, state'],
      ['incident_assignee', 'assignee, state'],
      ['incident_caller', 'caller_id'],
      ['incident_opened_by', 'opened_by'],
      ['incident_ci', 'configuration_item_id'],
      ['incident_parent', 'parent_id'],
    ]) {
      await runner.query(`CREATE INDEX ${index} ON incidents (${columns})`);
    }
    await runner.query(
      `CREATE INDEX incident_text ON incidents USING gin (short_description gin_trgm_ops)`,
    );
    await runner.query(`CREATE INDEX incident_services ON incidents USING gin (impacted_services)`);
    // Flow 1: a CI that goes down has at most one open incident opened for it by monitoring.
    await runner.query(
      `CREATE UNIQUE INDEX incident_open_for_down_ci ON incidents (configuration_item_id)
        WHERE channel = 'monitoring' AND state IN ('new', 'in_progress', 'on_hold')`,
    );
    await runner.query(`
      CREATE TABLE incident_timeline (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        incident_id uuid NOT NULL REFERENCES incidents (id),
        at timestamptz NOT NULL,
        state text NOT NULL,
        priority smallint NOT NULL,
        acknowledged boolean NOT NULL
      )`);
    await runner.query(`CREATE INDEX incident_timeline_of ON incident_timeline (incident_id, id)`);
    await runner.query(`
      CREATE TABLE incident_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES incidents (id),
        kind text NOT NULL CHECK (kind IN ('work_note', 'comment')),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
        author text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await runner.query(
      `CREATE INDEX incident_notes_of ON incident_notes (incident_id, created_at)`,
    );
    await runner.query(`
      CREATE TABLE major_incident_communications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES incidents (id),
        audience text NOT NULL CHECK (audience IN ('stakeholders', 'customers', 'internal')),
        message text NOT NULL CHECK (length(message) BETWEEN 1 AND 5000),
        author text NOT NULL,
        logged_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await runner.query(
      `CREATE INDEX communications_of ON major_incident_communications (incident_id, logged_at)`,
    );
    await runner.query(`
      CREATE TABLE idempotency_keys (
        caller_id text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        incident_id uuid REFERENCES incidents (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (caller_id, key)
      )`);
    await runner.query(`
      CREATE TABLE priority_matrix (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        matrix jsonb NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await runner.query(`INSERT INTO priority_matrix (matrix, updated_by) VALUES ($1, 'system')`, [
      JSON.stringify(DEFAULT_PRIORITY_MATRIX),
    ]);
    await runner.query(`
      CREATE TABLE ci_projection (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        class_name text NOT NULL,
        criticality smallint NOT NULL,
        operational_status text NOT NULL,
        owner_group text,
        version integer NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE sla_schedules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('24x7', 'business_hours')),
        time_zone text NOT NULL,
        hours jsonb NOT NULL DEFAULT '[]',
        holidays jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await runner.query(`
      CREATE TABLE sla_definitions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        target text NOT NULL CHECK (target IN ('response', 'resolution')),
        priorities smallint[] NOT NULL,
        duration_seconds integer NOT NULL CHECK (duration_seconds > 0),
        schedule_id uuid NOT NULL REFERENCES sla_schedules (id),
        pause_on_hold boolean NOT NULL DEFAULT true,
        active boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await runner.query(`
      CREATE TABLE incident_slas (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES incidents (id),
        definition_id uuid NOT NULL REFERENCES sla_definitions (id),
        stage text NOT NULL
          CHECK (stage IN ('in_progress', 'paused', 'achieved', 'breached', 'cancelled')),
        started_at timestamptz NOT NULL,
        elapsed_seconds integer NOT NULL,
        due_at timestamptz,
        breached_at timestamptz,
        ended_at timestamptz,
        alerts_sent smallint[] NOT NULL DEFAULT '{}',
        next_alert_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (incident_id, definition_id)
      )`);
    await runner.query(
      `CREATE INDEX incident_slas_due ON incident_slas (next_alert_at) WHERE next_alert_at IS NOT NULL`,
    );
    for (const schedule of DEFAULT_SCHEDULES) {
      await runner.query(
        `INSERT INTO sla_schedules (name, kind, time_zone, hours, holidays) VALUES ($1, $2, $3, $4, $5)`,
        [
          schedule.name,
          schedule.kind,
          schedule.timeZone,
          JSON.stringify(schedule.hours),
          JSON.stringify(schedule.holidays),
        ],
      );
    }
    for (const definition of DEFAULT_SLA_DEFINITIONS) {
      await runner.query(
        `INSERT INTO sla_definitions (name, target, priorities, duration_seconds, schedule_id, pause_on_hold)
         VALUES ($1, $2, $3, $4, (SELECT id FROM sla_schedules WHERE name = $5), $6)`,
        [
          definition.name,
          definition.target,
          definition.priorities,
          definition.durationSeconds,
          definition.scheduleName,
          definition.pauseOnHold,
        ],
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'incident_slas',
      'sla_definitions',
      'sla_schedules',
      'ci_projection',
      'priority_matrix',
      'idempotency_keys',
      'major_incident_communications',
      'incident_notes',
      'incident_timeline',
      'incidents',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
    await runner.query(`DROP SEQUENCE incident_number`);
  }
}
