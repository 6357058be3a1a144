import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The one-row table `sla_repair` that `requestSlaRepair`, `slaRepairStatus` and `runSlaRepairBatch`
 * use: a pending repair and how far it got (`after_id`, the last subject passed; `deferred`, the
 * ones a change held), so one replica works at a time and a restart resumes. Subjects' ids are
 * uuids. A service adopting `@itsm/sla/repair` lists this migration among its own.
 */
export class CreateSlaRepairTable1765200000000 implements MigrationInterface {
  name = 'CreateSlaRepairTable1765200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE sla_repair (
        pending boolean PRIMARY KEY DEFAULT true CHECK (pending),
        requested_at timestamptz NOT NULL DEFAULT now(),
        after_id uuid,
        deferred uuid[] NOT NULL DEFAULT '{}'
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE sla_repair');
  }
}
