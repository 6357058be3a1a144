import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calendar feeds expire (their creator's rights were copied into them and would never lapse);
 * a deployment report takes an Idempotency-Key, so that a pipeline's retry records it once.
 * Feeds created before expire 90 days after their creation, the default.
 */
export class FeedExpiryAndDeploymentKeys1766400000000 implements MigrationInterface {
  name = 'FeedExpiryAndDeploymentKeys1766400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE calendar_feeds ADD COLUMN expires_at timestamptz`);
    await runner.query(`UPDATE calendar_feeds SET expires_at = created_at + interval '90 days'`);
    await runner.query(`ALTER TABLE calendar_feeds ALTER COLUMN expires_at SET NOT NULL`);
    await runner.query(`
      CREATE TABLE deployment_idempotency_keys (
        caller_id text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        deployment_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (caller_id, key)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE deployment_idempotency_keys`);
    await runner.query(`ALTER TABLE calendar_feeds DROP COLUMN expires_at`);
  }
}
