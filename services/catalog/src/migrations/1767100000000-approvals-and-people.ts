import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APPROVAL_STATES, DECISIONS } from '../approvals/domain/approval-policy';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** The people directory (managers, groups), requested items' approvals and their decisions. */
export class ApprovalsAndPeople1767100000000 implements MigrationInterface {
  name = 'ApprovalsAndPeople1767100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE people (
        user_id text PRIMARY KEY CHECK (length(user_id) BETWEEN 1 AND 128),
        manager_id text CHECK (manager_id <> user_id),
        groups text[] NOT NULL DEFAULT '{}',
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX person_manager ON people (manager_id)`);
    await runner.query(`
      CREATE TABLE requested_item_approvals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        requested_item_id uuid NOT NULL UNIQUE REFERENCES requested_items (id),
        request_id uuid NOT NULL REFERENCES requests (id),
        kind text NOT NULL CHECK (kind IN ('manager', 'group')),
        approver text,
        approval_group text,
        quorum integer NOT NULL CHECK (quorum > 0),
        state text NOT NULL CHECK (state IN (${list(APPROVAL_STATES)})),
        requested_at timestamptz NOT NULL,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK ((kind = 'manager') = (approver IS NOT NULL)),
        CHECK ((kind = 'group') = (approval_group IS NOT NULL))
      )`);
    // An approver's queue: what waits for them, or for their groups.
    await runner.query(
      `CREATE INDEX approval_waiting_manager ON requested_item_approvals (approver, requested_at)
         WHERE state = 'requested'`,
    );
    await runner.query(
      `CREATE INDEX approval_waiting_group ON requested_item_approvals (approval_group, requested_at)
         WHERE state = 'requested'`,
    );
    await runner.query(`CREATE INDEX approval_request ON requested_item_approvals (request_id)`);
    await runner.query(`
      CREATE TABLE approval_decisions (
        approval_id uuid NOT NULL REFERENCES requested_item_approvals (id),
        approver text NOT NULL,
        decision text NOT NULL CHECK (decision IN (${list(DECISIONS)})),
        comment text NOT NULL,
        decided_at timestamptz NOT NULL,
        PRIMARY KEY (approval_id, approver)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['approval_decisions', 'requested_item_approvals', 'people']) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
