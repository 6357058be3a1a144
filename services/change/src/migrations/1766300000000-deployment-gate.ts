import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEPLOYMENT_OUTCOMES } from '@itsm/contracts';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * The deployment gate and flow 6 (issue 15, part 2): the names and identifiers of the CMDB's CIs
 * the gate resolves, the deployments reported on changes, and the incidents the incident service
 * linked to unsuccessful changes as "caused by change" candidates.
 */
export class DeploymentGate1766300000000 implements MigrationInterface {
  name = 'DeploymentGate1766300000000';

  async up(runner: QueryRunner): Promise<void> {
    // One row per CI and kind (name, serialNumber, hostName, fqdn, cloudId), lower-cased.
    await runner.query(`
      CREATE TABLE gate_ci_identifiers (
        ci_id uuid NOT NULL,
        kind text NOT NULL,
        identifier text NOT NULL,
        PRIMARY KEY (ci_id, kind)
      )`);
    await runner.query(`CREATE INDEX gate_ci_identifier ON gate_ci_identifiers (identifier)`);
    await runner.query(`
      CREATE TABLE change_deployments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        change_id uuid NOT NULL REFERENCES changes (id),
        outcome text NOT NULL CHECK (outcome IN (${list(DEPLOYMENT_OUTCOMES)})),
        pipeline text,
        url text,
        version text,
        ci_ids uuid[] NOT NULL,
        reported_by text NOT NULL,
        reported_at timestamptz NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX change_deployments_change ON change_deployments (change_id, reported_at)`,
    );
    await runner.query(`
      CREATE TABLE change_caused_incidents (
        change_id uuid NOT NULL,
        incident_id uuid NOT NULL,
        incident_number text NOT NULL,
        configuration_item_id uuid NOT NULL,
        short_description text NOT NULL,
        opened_at timestamptz NOT NULL,
        linked_at timestamptz NOT NULL,
        PRIMARY KEY (change_id, incident_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE change_caused_incidents`);
    await runner.query(`DROP TABLE change_deployments`);
    await runner.query(`DROP TABLE gate_ci_identifiers`);
  }
}
