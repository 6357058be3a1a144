import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Flow 7: the CI created for each requested item of the catalog, so that the item's withdrawal
 * (its request cancelled) finds the CI to retire; and the withdrawal itself, so that a request
 * handled after it (replayed from the dead letters) creates nothing.
 */
export class ProvisionedCis1764900000000 implements MigrationInterface {
  name = 'ProvisionedCis1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE provisioned_cis (
        requested_item_id uuid PRIMARY KEY,
        ci_id uuid,
        provisioned_at timestamptz,
        withdrawn_at timestamptz,
        CHECK ((ci_id IS NULL) = (provisioned_at IS NULL)),
        CHECK (ci_id IS NOT NULL OR withdrawn_at IS NOT NULL)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE provisioned_cis`);
  }
}
