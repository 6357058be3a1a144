import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each person of the directory gets a version, for `ETag` and `If-Match` like every other record. */
export class PeopleVersions1767300000000 implements MigrationInterface {
  name = 'PeopleVersions1767300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE people ADD COLUMN version integer NOT NULL DEFAULT 1`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE people DROP COLUMN version`);
  }
}
