import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A pending SLA repair: at most one row, with how far it got. A changed definition or schedule
 * (re)starts it; the repair job on any replica works through the open incidents from `after_id`,
 * so a restart resumes instead of starting over or being forgotten.
 */
export class SlaRepair1764900000000 implements MigrationInterface {
  name = 'SlaRepair1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE sla_repair (
        pending boolean PRIMARY KEY DEFAULT true CHECK (pending),
        requested_at timestamptz NOT NULL DEFAULT now(),
        after_id uuid
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE sla_repair`);
  }
}
