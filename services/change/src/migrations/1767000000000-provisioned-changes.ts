import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Flow 7: the standard change raised for each requested item of the catalog, so that the item's
 * withdrawal (its request cancelled) finds the change to cancel.
 */
export class ProvisionedChanges1767000000000 implements MigrationInterface {
  name = 'ProvisionedChanges1767000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE provisioned_changes (
        requested_item_id uuid PRIMARY KEY,
        change_id uuid NOT NULL REFERENCES changes (id),
        provisioned_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE provisioned_changes`);
  }
}
