import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BLACKOUT_SCOPES } from '../conflicts/domain/conflict-rules';
import { PLANNED_STATES } from '../conflicts/domain/planned-states';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * Conflicts, blackout windows and the calendar (issue 15, items 5 and 6): the CMDB's footprint of
 * each change, the freezes, the calendar feeds; and the two indexes a conflict check reads, on
 * the changes that are planned to happen: their windows (GiST) and their CIs (GIN).
 */
export class ConflictsAndCalendar1766250000000 implements MigrationInterface {
  name = 'ConflictsAndCalendar1766250000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE INDEX changes_planned_window ON changes
        USING gist (tstzrange(planned_start, planned_end))
        WHERE state IN (${list(PLANNED_STATES)})`);
    await runner.query(`
      CREATE INDEX changes_planned_cis ON changes USING gin (affected_ci_ids)
        WHERE state IN (${list(PLANNED_STATES)})`);
    await runner.query(`
      CREATE TABLE change_footprints (
        change_id uuid PRIMARY KEY REFERENCES changes (id),
        ci_ids uuid[] NOT NULL,
        related jsonb NOT NULL,
        service_ids uuid[] NOT NULL,
        depth integer NOT NULL CHECK (depth >= 0),
        truncated boolean NOT NULL,
        calculated_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE blackout_windows (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        reason text,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        scope text NOT NULL CHECK (scope IN (${list(BLACKOUT_SCOPES)})),
        ci_ids uuid[] NOT NULL DEFAULT '{}',
        service_ids uuid[] NOT NULL DEFAULT '{}',
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL,
        CHECK (starts_at < ends_at)
      )`);
    await runner.query(`
      CREATE INDEX blackout_windows_window ON blackout_windows
        USING gist (tstzrange(starts_at, ends_at))`);
    await runner.query(`
      CREATE TABLE blackout_idempotency_keys (
        caller_id text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        blackout_window_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (caller_id, key)
      )`);
    await runner.query(`
      CREATE TABLE calendar_feeds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        owner_id text NOT NULL,
        owner_roles text[] NOT NULL,
        owner_groups text[] NOT NULL,
        name text NOT NULL,
        filters jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX calendar_feeds_owner ON calendar_feeds (owner_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'calendar_feeds',
      'blackout_idempotency_keys',
      'blackout_windows',
      'change_footprints',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
    await runner.query(`DROP INDEX changes_planned_cis`);
    await runner.query(`DROP INDEX changes_planned_window`);
  }
}
