import type { MigrationInterface, QueryRunner } from 'typeorm';
import { INCIDENT_STATES } from '@itsm/contracts';
import { OPEN_STATES } from '../problems/domain/problem-states';
import { DEFAULT_DETECTION } from '../detection/domain/detection-settings';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * The incidents as the problem service knows them (a projection of the incident events), the
 * cluster a detected problem was opened for, and the detection settings.
 */
export class LinkedIncidents1766100000000 implements MigrationInterface {
  name = 'LinkedIncidents1766100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE incident_projection (
        id uuid PRIMARY KEY,
        number text NOT NULL,
        short_description text NOT NULL,
        state text NOT NULL CHECK (state IN (${list(INCIDENT_STATES)})),
        category text,
        configuration_item_id uuid,
        service_ids uuid[] NOT NULL DEFAULT '{}',
        caller_id text NOT NULL,
        opened_by text NOT NULL,
        assignment_group text,
        assignee text,
        problem_id uuid,
        opened_at timestamptz NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX incident_projection_problem ON incident_projection (problem_id, opened_at, id)`,
    );
    await runner.query(
      `CREATE INDEX incident_projection_ci ON incident_projection (configuration_item_id, opened_at)`,
    );
    await runner.query(
      `CREATE INDEX incident_projection_services ON incident_projection USING gin (service_ids)`,
    );
    // One open detected problem per cluster, whichever replica or redelivery gets there first.
    await runner.query(`ALTER TABLE problems ADD COLUMN detection_key text`);
    await runner.query(
      `CREATE UNIQUE INDEX problem_open_cluster ON problems (detection_key)
        WHERE detection_key IS NOT NULL AND state IN (${list(OPEN_STATES)})`,
    );
    await runner.query(`
      CREATE TABLE problem_detection_settings (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        threshold integer NOT NULL,
        window_minutes integer NOT NULL,
        grouping_keys text[] NOT NULL,
        version integer NOT NULL DEFAULT 1,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `INSERT INTO problem_detection_settings (threshold, window_minutes, grouping_keys, updated_by)
       VALUES ($1, $2, $3, 'system:defaults')`,
      [
        DEFAULT_DETECTION.threshold,
        DEFAULT_DETECTION.windowMinutes,
        [...DEFAULT_DETECTION.groupingKeys],
      ],
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE problem_detection_settings`);
    await runner.query(`DROP INDEX problem_open_cluster`);
    await runner.query(`ALTER TABLE problems DROP COLUMN detection_key`);
    await runner.query(`DROP TABLE incident_projection`);
  }
}
