import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The item versions naming a category: a category's removal counts them and its foreign key checks
 * them, both while the category is locked, and `GET /catalog-items?categoryId` filters by them.
 * Without an index each walked every version of every item.
 */
export class ItemVersionsByCategory1767300000001 implements MigrationInterface {
  name = 'ItemVersionsByCategory1767300000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE INDEX catalog_item_versions_by_category ON catalog_item_versions (category_id)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX catalog_item_versions_by_category`);
  }
}
