import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calendar feeds listed a page at a time, oldest first: one person's through (owner, creation),
 * which also serves counting the feeds a person holds, and everybody's through (creation).
 */
export class CalendarFeedPages1766600000000 implements MigrationInterface {
  name = 'CalendarFeedPages1766600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX calendar_feeds_owner`);
    await runner.query(
      `CREATE INDEX calendar_feeds_owner ON calendar_feeds (owner_id, created_at, id)`,
    );
    await runner.query(`CREATE INDEX calendar_feeds_created ON calendar_feeds (created_at, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX calendar_feeds_created`);
    await runner.query(`DROP INDEX calendar_feeds_owner`);
    await runner.query(`CREATE INDEX calendar_feeds_owner ON calendar_feeds (owner_id)`);
  }
}
