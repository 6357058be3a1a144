import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each requested item's delivery clock (`@itsm/sla`): the definition it was ordered with (its
 * catalog item's delivery target, on its schedule), its timeline of states, and the clock as last
 * computed, with the moment its timer is next due.
 */
export class DeliverySlas1767200000001 implements MigrationInterface {
  name = 'DeliverySlas1767200000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE requested_item_slas (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        requested_item_id uuid NOT NULL REFERENCES requested_items (id),
        request_id uuid NOT NULL REFERENCES requests (id),
        definition_id uuid NOT NULL,
        name text NOT NULL,
        target text NOT NULL DEFAULT 'delivery' CHECK (target = 'delivery'),
        duration_seconds integer NOT NULL CHECK (duration_seconds > 0),
        time_zone text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('24x7', 'business_hours')),
        hours jsonb NOT NULL DEFAULT '[]',
        holidays text[] NOT NULL DEFAULT '{}',
        timeline jsonb NOT NULL,
        stage text NOT NULL CHECK (stage IN ('in_progress', 'paused', 'achieved', 'breached', 'cancelled')),
        started_at timestamptz NOT NULL,
        elapsed_seconds integer NOT NULL DEFAULT 0,
        due_at timestamptz,
        breached_at timestamptz,
        ended_at timestamptz,
        alerts_sent smallint[] NOT NULL DEFAULT '{}',
        next_alert_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (requested_item_id, definition_id)
      )`);
    await runner.query(
      `CREATE INDEX requested_item_sla_due ON requested_item_slas (next_alert_at)
        WHERE next_alert_at IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE requested_item_slas`);
  }
}
