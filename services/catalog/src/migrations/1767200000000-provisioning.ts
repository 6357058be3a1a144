import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Flow 7: an item version's provisioning rule (the CI and standard change its fulfilment makes)
 * and, on each requested item, what was asked of the CMDB and the change service and their answers.
 */
export class Provisioning1767200000000 implements MigrationInterface {
  name = 'Provisioning1767200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE catalog_item_versions ADD COLUMN provisioning jsonb`);
    await runner.query(`ALTER TABLE requested_items ADD COLUMN provisioning jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE requested_items DROP COLUMN provisioning`);
    await runner.query(`ALTER TABLE catalog_item_versions DROP COLUMN provisioning`);
  }
}
