import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The footprint requests the CMDB has not answered yet, one per change at most
 * (`conflicts/footprint-requests.ts`), with the CMDB event that made it stale again meanwhile.
 */
export class FootprintRequests1766700000000 implements MigrationInterface {
  name = 'FootprintRequests1766700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE change_footprint_requests (
         change_id uuid PRIMARY KEY REFERENCES changes (id) ON DELETE CASCADE,
         requested_at timestamptz NOT NULL,
         stale_again_by text
       )`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE change_footprint_requests`);
  }
}
