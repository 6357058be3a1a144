import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A change's caused incidents listed a page at a time, in opening order (keyset on the index). */
export class CausedIncidentPages1766800000000 implements MigrationInterface {
  name = 'CausedIncidentPages1766800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE INDEX change_caused_incidents_opened
         ON change_caused_incidents (change_id, opened_at, incident_number)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX change_caused_incidents_opened`);
  }
}
