import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Flow 7: the standard change raised for each requested item of the catalog, so that the item's
 * withdrawal (its request cancelled) finds the change to cancel; and the withdrawal itself, so
 * that a request handled after it (replayed from the dead letters) raises nothing.
 */
export class ProvisionedChanges1767000000000 implements MigrationInterface {
  name = 'ProvisionedChanges1767000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE provisioned_changes (
        requested_item_id uuid PRIMARY KEY,
        change_id uuid REFERENCES changes (id),
        provisioned_at timestamptz,
        withdrawn_at timestamptz,
        CHECK ((change_id IS NULL) = (provisioned_at IS NULL)),
        CHECK (change_id IS NOT NULL OR withdrawn_at IS NOT NULL)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE provisioned_changes`);
  }
}
