import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Flow 7: the CI created for each requested item of the catalog, so that the item's withdrawal
 * (its request cancelled) finds the CI to retire. One per item: a request delivered again finds it.
 */
export class ProvisionedCis1764900000000 implements MigrationInterface {
  name = 'ProvisionedCis1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE provisioned_cis (
        requested_item_id uuid PRIMARY KEY,
        ci_id uuid NOT NULL,
        provisioned_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE provisioned_cis`);
  }
}
