import type { MigrationInterface, QueryRunner } from 'typeorm';
import { VERSION_STATES } from '@itsm/versioning';
import {
  CATALOG_TASK_STATES,
  REQUEST_STATES,
  REQUESTED_ITEM_STATES,
} from '../requests/domain/fulfilment-states';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const recordColumns = `
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1`;

/** The catalog (categories, items and their versions), requests, requested items and catalog tasks. */
export class CreateCatalog1767000000000 implements MigrationInterface {
  name = 'CreateCatalog1767000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE catalog_categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 160),
        description text,${recordColumns}
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX catalog_category_name ON catalog_categories (lower(name))`,
    );
    await runner.query(`
      CREATE TABLE catalog_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 160),
        created_by text NOT NULL,${recordColumns}
      )`);
    await runner.query(`CREATE UNIQUE INDEX catalog_item_name ON catalog_items (lower(name))`);
    await runner.query(`
      CREATE TABLE catalog_item_versions (
        item_id uuid NOT NULL REFERENCES catalog_items (id),
        version integer NOT NULL CHECK (version > 0),
        state text NOT NULL CHECK (state IN (${list(VERSION_STATES)})),
        short_description text NOT NULL,
        description text,
        category_id uuid REFERENCES catalog_categories (id),
        variables jsonb NOT NULL,
        plan jsonb NOT NULL,
        approval jsonb NOT NULL,
        price jsonb,
        delivery_target_hours integer CHECK (delivery_target_hours > 0),
        orderable_by text[],
        edited_by text NOT NULL,
        edited_at timestamptz NOT NULL,
        published_by text,
        published_at timestamptz,
        retired_at timestamptz,
        PRIMARY KEY (item_id, version)
      )`);
    // At most one draft and one published version per item: the lifecycle's invariants.
    for (const state of ['draft', 'published']) {
      await runner.query(
        `CREATE UNIQUE INDEX catalog_item_one_${state}
           ON catalog_item_versions (item_id) WHERE state = '${state}'`,
      );
    }
    await runner.query(
      `CREATE INDEX catalog_item_audience ON catalog_item_versions USING gin (orderable_by)`,
    );
    for (const sequence of ['request_number', 'requested_item_number', 'catalog_task_number']) {
      await runner.query(`CREATE SEQUENCE ${sequence}`);
    }
    await runner.query(`
      CREATE TABLE requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE DEFAULT 'REQ' || lpad(nextval('request_number')::text, 7, '0'),
        state text NOT NULL CHECK (state IN (${list(REQUEST_STATES)})),
        requested_by text NOT NULL,
        requested_for text NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,${recordColumns}
      )`);
    await runner.query(`CREATE INDEX request_opened ON requests (opened_at DESC, id DESC)`);
    await runner.query(`CREATE INDEX request_requested_by ON requests (requested_by)`);
    await runner.query(`CREATE INDEX request_requested_for ON requests (requested_for)`);
    await runner.query(`
      CREATE TABLE requested_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE
          DEFAULT 'RITM' || lpad(nextval('requested_item_number')::text, 7, '0'),
        request_id uuid NOT NULL REFERENCES requests (id),
        position integer NOT NULL,
        catalog_item_id uuid NOT NULL,
        catalog_item_version integer NOT NULL,
        catalog_item_name text NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        variables jsonb NOT NULL,
        state text NOT NULL CHECK (state IN (${list(REQUESTED_ITEM_STATES)})),
        requested_for text NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,${recordColumns},
        UNIQUE (request_id, position),
        FOREIGN KEY (catalog_item_id, catalog_item_version)
          REFERENCES catalog_item_versions (item_id, version)
      )`);
    await runner.query(
      `CREATE INDEX requested_item_catalog_item ON requested_items (catalog_item_id, state)`,
    );
    await runner.query(`
      CREATE TABLE catalog_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE
          DEFAULT 'SCTASK' || lpad(nextval('catalog_task_number')::text, 7, '0'),
        requested_item_id uuid NOT NULL REFERENCES requested_items (id),
        request_id uuid NOT NULL REFERENCES requests (id),
        stage integer NOT NULL CHECK (stage > 0),
        short_description text NOT NULL,
        assignment_group text NOT NULL,
        state text NOT NULL CHECK (state IN (${list(CATALOG_TASK_STATES)})),
        opened_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        closed_by text,${recordColumns}
      )`);
    await runner.query(`CREATE INDEX catalog_task_item ON catalog_tasks (requested_item_id)`);
    await runner.query(
      `CREATE INDEX catalog_task_group ON catalog_tasks (assignment_group, opened_at DESC, id DESC)`,
    );
    await runner.query(
      `CREATE INDEX catalog_task_opened ON catalog_tasks (opened_at DESC, id DESC)`,
    );
    await runner.query(`
      CREATE TABLE request_idempotency_keys (
        caller_id text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        request_id uuid REFERENCES requests (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (caller_id, key)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'request_idempotency_keys',
      'catalog_tasks',
      'requested_items',
      'requests',
      'catalog_item_versions',
      'catalog_items',
      'catalog_categories',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
    for (const sequence of ['request_number', 'requested_item_number', 'catalog_task_number']) {
      await runner.query(`DROP SEQUENCE ${sequence}`);
    }
  }
}
