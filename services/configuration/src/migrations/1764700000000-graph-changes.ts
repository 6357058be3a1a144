import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An append-only log of what changed in the relationship graph, written by triggers so that no
 * writer can forget it: each replica keeps the graph in memory (impact/graph-sync.ts) and reads the
 * log since its last look. Rows carry the writing transaction's id, so a reader can take exactly the
 * transactions its last snapshot did not see, whatever order they committed in.
 */
export class GraphChanges1764700000000 implements MigrationInterface {
  name = 'GraphChanges1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE graph_changes (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        ci_id uuid,
        source_id uuid,
        target_id uuid,
        changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK ((ci_id IS NULL) = (source_id IS NOT NULL AND target_id IS NOT NULL))
      )`);
    await runner.query(`CREATE INDEX graph_changes_by_transaction ON graph_changes (txid)`);
    await runner.query(`CREATE INDEX graph_changes_by_time ON graph_changes (changed_at)`);

    // Only what an impact answer shows of a CI is logged: other attribute changes do not matter.
    await runner.query(`
      CREATE FUNCTION log_ci_graph_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO graph_changes (ci_id) SELECT id FROM new_rows;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO graph_changes (ci_id) SELECT id FROM old_rows;
        ELSE
          INSERT INTO graph_changes (ci_id)
          SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
           WHERE (n.name, n.operational_status, n.criticality, n.class_id)
                 IS DISTINCT FROM (o.name, o.operational_status, o.criticality, o.class_id);
        END IF;
        RETURN NULL;
      END $$`);
    await runner.query(`
      CREATE FUNCTION log_relationship_graph_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO graph_changes (source_id, target_id) SELECT source_id, target_id FROM new_rows;
        END IF;
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
          INSERT INTO graph_changes (source_id, target_id) SELECT source_id, target_id FROM old_rows;
        END IF;
        RETURN NULL;
      END $$`);
    // A trigger with transition tables may serve one event only, hence three of each.
    for (const [table, fn] of [
      ['configuration_items', 'log_ci_graph_changes'],
      ['relationships', 'log_relationship_graph_changes'],
    ]) {
      await runner.query(
        `CREATE TRIGGER ${table}_graph_insert AFTER INSERT ON ${table}
         REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
      await runner.query(
        `CREATE TRIGGER ${table}_graph_update AFTER UPDATE ON ${table}
         REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
      await runner.query(
        `CREATE TRIGGER ${table}_graph_delete AFTER DELETE ON ${table}
         REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['configuration_items', 'relationships']) {
      for (const event of ['insert', 'update', 'delete']) {
        await runner.query(`DROP TRIGGER ${table}_graph_${event} ON ${table}`);
      }
    }
    await runner.query(`DROP FUNCTION log_ci_graph_changes()`);
    await runner.query(`DROP FUNCTION log_relationship_graph_changes()`);
    await runner.query(`DROP TABLE graph_changes`);
  }
}
