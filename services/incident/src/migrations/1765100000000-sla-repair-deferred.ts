import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incidents the SLA repair found held by a change: it goes on past them and comes back to them,
 * so one incident held for long does not stop the repair of all the others.
 */
export class SlaRepairDeferred1765100000000 implements MigrationInterface {
  name = 'SlaRepairDeferred1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE sla_repair ADD COLUMN deferred uuid[] NOT NULL DEFAULT '{}'`);
    // Clocks of definitions retired before this release, breached ones among them, still count on:
    // one repair stops them.
    await runner.query(
      `INSERT INTO sla_repair (pending) VALUES (true)
       ON CONFLICT (pending) DO UPDATE SET after_id = NULL, deferred = '{}'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE sla_repair DROP COLUMN deferred`);
  }
}
