import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CHANGE_STATES, CHANGE_TYPES } from '@itsm/contracts';
import { CLOSE_CODES } from '../changes/domain/change-transition';
import { RISKS } from '../changes/change.entity';
import { VERSION_STATES } from '@itsm/versioning';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** Changes, their idempotency keys, and the catalogue of standard-change templates. */
export class CreateChanges1766000000000 implements MigrationInterface {
  name = 'CreateChanges1766000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await runner.query(`
      CREATE TABLE change_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 160),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX change_template_name ON change_templates (lower(name))`,
    );
    await runner.query(`
      CREATE TABLE change_template_versions (
        template_id uuid NOT NULL REFERENCES change_templates (id),
        version integer NOT NULL CHECK (version > 0),
        state text NOT NULL CHECK (state IN (${list(VERSION_STATES)})),
        short_description text NOT NULL,
        description text,
        justification text NOT NULL,
        implementation_plan text NOT NULL,
        backout_plan text NOT NULL,
        test_plan text NOT NULL,
        assignment_group text,
        edited_by text NOT NULL,
        edited_at timestamptz NOT NULL,
        published_by text,
        published_at timestamptz,
        retired_at timestamptz,
        PRIMARY KEY (template_id, version)
      )`);
    // At most one draft and one published version per template: the lifecycle's invariants.
    for (const state of ['draft', 'published']) {
      await runner.query(
        `CREATE UNIQUE INDEX change_template_one_${state}
           ON change_template_versions (template_id) WHERE state = '${state}'`,
      );
    }
    await runner.query(`CREATE SEQUENCE change_number`);
    await runner.query(`
      CREATE TABLE changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE DEFAULT 'CHG' || lpad(nextval('change_number')::text, 7, '0'),
        type text NOT NULL CHECK (type IN (${list(CHANGE_TYPES)})),
        state text NOT NULL CHECK (state IN (${list(CHANGE_STATES)})),
        short_description text NOT NULL CHECK (length(short_description) BETWEEN 1 AND 160),
        description text,
        justification text,
        implementation_plan text,
        backout_plan text,
        test_plan text,
        planned_start timestamptz,
        planned_end timestamptz,
        affected_ci_ids uuid[] NOT NULL DEFAULT '{}',
        risk text CHECK (risk IN (${list(RISKS)})),
        assignment_group text,
        assignee text,
        requested_by text NOT NULL,
        opened_by text NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        template_id uuid REFERENCES change_templates (id),
        template_version integer,
        actual_start timestamptz,
        actual_end timestamptz,
        close_code text CHECK (close_code IN (${list(CLOSE_CODES)})),
        close_notes text,
        cancel_reason text,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK (planned_end > planned_start),
        CHECK ((type = 'standard') = (template_id IS NOT NULL AND template_version IS NOT NULL)),
        FOREIGN KEY (template_id, template_version)
          REFERENCES change_template_versions (template_id, version)
      )`);
    for (const [index, columns] of [
      ['change_opened', 'opened_at DESC, id DESC'],
      ['change_state', 'state, type'],
      ['change_group', 'assignment_group, state'],
      ['change_requested_by', 'requested_by'],
      ['change_opened_by', 'opened_by'],
      ['change_template', 'template_id, template_version'],
    ]) {
      await runner.query(`CREATE INDEX ${index} ON changes (${columns})`);
    }
    await runner.query(`CREATE INDEX change_cis ON changes USING gin (affected_ci_ids)`);
    await runner.query(
      `CREATE INDEX change_window ON changes USING gist (tstzrange(planned_start, planned_end))
        WHERE planned_start IS NOT NULL AND planned_end IS NOT NULL`,
    );
    await runner.query(
      `CREATE INDEX change_text ON changes USING gin (short_description gin_trgm_ops)`,
    );
    await runner.query(`
      CREATE TABLE idempotency_keys (
        caller_id text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        change_id uuid REFERENCES changes (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (caller_id, key)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'idempotency_keys',
      'changes',
      'change_template_versions',
      'change_templates',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
    await runner.query(`DROP SEQUENCE change_number`);
  }
}
