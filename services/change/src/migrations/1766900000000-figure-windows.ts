import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The change figures' windows (GET /change-metrics and every scrape of /metrics) each read through
 * an index on their own time: closed changes by closing, changes by start of implementation, and
 * approval decisions in the audit trail (which otherwise meant every audit line of every change).
 */
export class FigureWindows1766900000000 implements MigrationInterface {
  name = 'FigureWindows1766900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX changes_closed ON changes (closed_at) WHERE state = 'closed'`);
    await runner.query(
      `CREATE INDEX changes_implemented ON changes (actual_start) WHERE actual_start IS NOT NULL`,
    );
    await runner.query(
      `CREATE INDEX audit_change_approvals ON audit_trail (changed_at)
        WHERE entity_type = 'change' AND field = 'approval'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX audit_change_approvals`);
    await runner.query(`DROP INDEX changes_implemented`);
    await runner.query(`DROP INDEX changes_closed`);
  }
}
