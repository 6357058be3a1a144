import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Free tags on incidents (`vpn`, `emea`, `vendor-x`), searchable with `?tag=`. */
export class IncidentTags1765000000000 implements MigrationInterface {
  name = 'IncidentTags1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE incidents ADD COLUMN tags text[] NOT NULL DEFAULT '{}'`);
    await runner.query(`CREATE INDEX incident_tags ON incidents USING gin (tags)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE incidents DROP COLUMN tags`);
  }
}
