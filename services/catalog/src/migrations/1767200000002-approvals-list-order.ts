import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `GET /approvals` pages newest first over every state: the queue's partial indexes (`state =
 * 'requested'`) cannot answer it. A catalog manager's list walks the whole table in that order; an
 * approver's picks their own and their groups' approvals, of any state, before sorting.
 */
export class ApprovalsListOrder1767200000002 implements MigrationInterface {
  name = 'ApprovalsListOrder1767200000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE INDEX approval_newest ON requested_item_approvals (requested_at, id)`,
    );
    await runner.query(
      `CREATE INDEX approval_of_approver ON requested_item_approvals (approver, requested_at, id)`,
    );
    await runner.query(
      `CREATE INDEX approval_of_group ON requested_item_approvals (approval_group, requested_at, id)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const index of ['approval_of_group', 'approval_of_approver', 'approval_newest']) {
      await runner.query(`DROP INDEX ${index}`);
    }
  }
}
