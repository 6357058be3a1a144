import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BOARDS, DECISIONS } from '../approvals/domain/approval-policy';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * Explained risk and approvals (issue 15, part 2): the risk's factors and the CMDB's last answer on
 * the change, the votes of each round of approval, and the incidents on CIs that risk reads.
 */
export class RiskAndApprovals1766100000000 implements MigrationInterface {
  name = 'RiskAndApprovals1766100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE changes
        ADD COLUMN risk_factors jsonb,
        ADD COLUMN risk_score integer,
        ADD COLUMN risk_assessed_at timestamptz,
        ADD COLUMN impact jsonb,
        ADD COLUMN approval text CHECK (approval IN ('requested', ${list(DECISIONS)})),
        ADD COLUMN approval_round integer NOT NULL DEFAULT 0`);
    await runner.query(`
      CREATE TABLE change_approvals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        change_id uuid NOT NULL REFERENCES changes (id),
        round integer NOT NULL CHECK (round > 0),
        board text NOT NULL CHECK (board IN (${list(BOARDS)})),
        approver text NOT NULL,
        decision text NOT NULL CHECK (decision IN (${list(DECISIONS)})),
        comment text NOT NULL CHECK (length(comment) BETWEEN 1 AND 4000),
        decided_at timestamptz NOT NULL,
        UNIQUE (change_id, round, approver)
      )`);
    // Flow 5: incidents as the incident service announces them, for "incidents on these CIs".
    await runner.query(`
      CREATE TABLE incident_projection (
        id uuid PRIMARY KEY,
        configuration_item_id uuid,
        opened_at timestamptz NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX incident_projection_ci ON incident_projection (configuration_item_id, opened_at)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE incident_projection`);
    await runner.query(`DROP TABLE change_approvals`);
    await runner.query(`
      ALTER TABLE changes
        DROP COLUMN risk_factors, DROP COLUMN risk_score, DROP COLUMN risk_assessed_at,
        DROP COLUMN impact, DROP COLUMN approval, DROP COLUMN approval_round`);
  }
}
