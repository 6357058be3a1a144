import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Flow 6: the unsuccessful changes announced by the change service (their CIs, and until when an
 * incident on them is a candidate), and each incident's "caused by change" candidates.
 */
export class ChangeCandidates1765200000000 implements MigrationInterface {
  name = 'ChangeCandidates1765200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE unsuccessful_changes (
        id uuid PRIMARY KEY,
        number text NOT NULL,
        ci_ids uuid[] NOT NULL,
        window_start timestamptz NOT NULL,
        window_end timestamptz NOT NULL,
        link_until timestamptz NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX unsuccessful_changes_cis ON unsuccessful_changes USING gin (ci_ids)`,
    );
    await runner.query(`
      CREATE TABLE incident_change_candidates (
        incident_id uuid NOT NULL REFERENCES incidents (id),
        change_id uuid NOT NULL REFERENCES unsuccessful_changes (id),
        configuration_item_id uuid NOT NULL,
        linked_at timestamptz NOT NULL,
        PRIMARY KEY (incident_id, change_id)
      )`);
    await runner.query(
      `CREATE INDEX incident_change_candidates_change ON incident_change_candidates (change_id)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE incident_change_candidates`);
    await runner.query(`DROP TABLE unsuccessful_changes`);
  }
}
