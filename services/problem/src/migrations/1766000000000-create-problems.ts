import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PROBLEM_STATES } from '@itsm/contracts';
import { RESOLUTION_CODES } from '../problems/domain/problem-states';
import { ANALYSIS_METHODS, CAUSE_CATEGORIES } from '../problems/domain/root-cause';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * What the known-error search ranks on, most telling first: A the title and number, B the
 * workaround and cause an agent applies, C the description, D the analysis notes. English stemming,
 * so that "timeouts" finds "timed out".
 */
const SEARCH_VECTOR = `
  setweight(to_tsvector('english', number || ' ' || short_description), 'A') ||
  setweight(to_tsvector('english', coalesce(workaround, '') || ' ' || coalesce(cause, '')), 'B') ||
  setweight(to_tsvector('english', coalesce(description, '')), 'C') ||
  setweight(to_tsvector('english', coalesce(analysis_notes, '')), 'D')`;

/** Problems with their root cause and known-error documentation, searchable, and idempotency keys. */
export class CreateProblems1766000000000 implements MigrationInterface {
  name = 'CreateProblems1766000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE SEQUENCE problem_number`);
    await runner.query(`
      CREATE TABLE problems (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE
          DEFAULT 'PRB' || lpad(nextval('problem_number')::text, 7, '0'),
        short_description text NOT NULL CHECK (length(short_description) BETWEEN 1 AND 160),
        description text,
        category text,
        state text NOT NULL CHECK (state IN (${list(PROBLEM_STATES)})),
        configuration_item_id uuid,
        service_id uuid,
        assignment_group text,
        assignee text,
        cause text,
        cause_category text CHECK (cause_category IN (${list(CAUSE_CATEGORIES)})),
        analysis_method text CHECK (analysis_method IN (${list(ANALYSIS_METHODS)})),
        analysis_notes text,
        workaround text,
        known_error boolean NOT NULL DEFAULT false,
        known_error_at timestamptz,
        known_error_by text,
        resolution_code text CHECK (resolution_code IN (${list(RESOLUTION_CODES)})),
        resolution_notes text,
        opened_by text NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        search_vector tsvector GENERATED ALWAYS AS (${SEARCH_VECTOR}) STORED,
        CHECK (NOT known_error OR (cause IS NOT NULL AND workaround IS NOT NULL))
      )`);
    for (const [index, columns] of [
      ['problem_opened', 'opened_at DESC, id DESC'],
      ['problem_state', 'state'],
      ['problem_group', 'assignment_group, state'],
      ['problem_ci', 'configuration_item_id'],
      ['problem_service', 'service_id'],
      ['problem_category', 'category'],
    ]) {
      await runner.query(`CREATE INDEX ${index} ON problems (${columns})`);
    }
    await runner.query(`CREATE INDEX problem_search ON problems USING gin (search_vector)`);
    await runner.query(
      `CREATE INDEX known_error_published ON problems (known_error_at DESC, id DESC) WHERE known_error`,
    );
    await runner.query(`
      CREATE TABLE problem_idempotency_keys (
        caller_id text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        problem_id uuid REFERENCES problems (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (caller_id, key)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE problem_idempotency_keys`);
    await runner.query(`DROP TABLE problems`);
    await runner.query(`DROP SEQUENCE problem_number`);
  }
}
