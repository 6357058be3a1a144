import type { MigrationInterface, QueryRunner } from 'typeorm';
import { FOOTPRINT_REFRESH_STATES } from '../conflicts/domain/footprint-refresh';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * What a relationship's creation or removal in the CMDB looks up, to ask for fresh footprints: the
 * changes that can still be scheduled naming a CI (GIN on their CIs, only those changes), and the
 * footprints holding it. The related CIs' ids get a column of their own (written from `related`
 * with it), an array whose element statistics let the planner see how few footprints hold a CI,
 * which it cannot see through a JSON containment.
 */
export class FootprintRelatedIndex1766500000000 implements MigrationInterface {
  name = 'FootprintRelatedIndex1766500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE change_footprints ADD COLUMN related_ci_ids uuid[] NOT NULL DEFAULT '{}'`,
    );
    await runner.query(
      `UPDATE change_footprints
          SET related_ci_ids = ARRAY(SELECT (r->>'id')::uuid FROM jsonb_array_elements(related) r)`,
    );
    await runner.query(
      `CREATE INDEX change_footprints_related ON change_footprints USING gin (related_ci_ids)`,
    );
    await runner.query(`
      CREATE INDEX changes_refreshable_cis ON changes USING gin (affected_ci_ids)
        WHERE state IN (${list(FOOTPRINT_REFRESH_STATES)})`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX changes_refreshable_cis`);
    await runner.query(`DROP INDEX change_footprints_related`);
    await runner.query(`ALTER TABLE change_footprints DROP COLUMN related_ci_ids`);
  }
}
