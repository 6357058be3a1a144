import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox (`Outbox`: events written in the transaction of the change that caused them) and the
 * inbox (`Inbox`: events a subscription has applied, written in the transaction of their effect).
 */
export class CreateMessagingTables1764288000000 implements MigrationInterface {
  name = 'CreateMessagingTables1764288000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        sequence bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        aggregate_type text NOT NULL,
        aggregate_id text NOT NULL,
        event_type text NOT NULL,
        topic text NOT NULL,
        headers jsonb NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        published_at timestamptz
      )`);
    await runner.query(
      `CREATE INDEX outbox_unpublished ON outbox (sequence) WHERE published_at IS NULL`,
    );
    await runner.query(
      `CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL`,
    );
    await runner.query(`
      CREATE TABLE inbox (
        consumer text NOT NULL,
        event_id text NOT NULL,
        event_type text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE inbox');
    await runner.query('DROP TABLE outbox');
  }
}
