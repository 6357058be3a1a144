import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SEED_CLASSES, SEED_DATA_SOURCES } from '../classes/seed-classes';
import { DEFAULT_RELATIONSHIP_RULES } from '../relationships/domain/relationship-types';

/** The CMDB's tables, with the indexes impact analysis, identification and the filters need. */
export class CreateCmdb1764500000000 implements MigrationInterface {
  name = 'CreateCmdb1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await runner.query(`
      CREATE TABLE ci_classes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE CHECK (name ~ '^[a-z][a-z0-9_]{1,62}$'),
        label text NOT NULL,
        description text,
        parent_id uuid REFERENCES ci_classes (id),
        attributes jsonb NOT NULL DEFAULT '[]',
        identification_rules jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await runner.query(`
      CREATE TABLE configuration_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        class_id uuid NOT NULL REFERENCES ci_classes (id),
        identity_class_id uuid NOT NULL REFERENCES ci_classes (id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
        operational_status text NOT NULL
          CHECK (operational_status IN ('operational', 'degraded', 'down', 'retired')),
        criticality smallint NOT NULL CHECK (criticality BETWEEN 1 AND 4),
        environment text,
        owner_group text,
        serial_number text,
        host_name text,
        fqdn text,
        cloud_id text,
        attributes jsonb NOT NULL DEFAULT '{}',
        field_sources jsonb NOT NULL DEFAULT '{}',
        retired_at timestamptz,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    for (const [index, columns] of [
      ['ci_name', 'name, id'],
      ['ci_class', 'class_id, id'],
      ['ci_status', 'operational_status, id'],
      ['ci_owner_group', 'owner_group, id'],
      ['ci_environment', 'environment, id'],
      ['ci_serial_number', 'identity_class_id, serial_number'],
      ['ci_host_name', 'identity_class_id, host_name'],
      ['ci_fqdn', 'identity_class_id, fqdn'],
      ['ci_cloud_id', 'identity_class_id, cloud_id'],
      ['ci_identity_name', 'identity_class_id, name'],
    ]) {
      await runner.query(`CREATE INDEX ${index} ON configuration_items (${columns})`);
    }
    await runner.query(
      `CREATE INDEX ci_attributes ON configuration_items USING gin (attributes jsonb_path_ops)`,
    );
    await runner.query(
      `CREATE INDEX ci_name_text ON configuration_items USING gin (name gin_trgm_ops)`,
    );
    await runner.query(`
      CREATE TABLE relationships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL
          CHECK (type IN ('depends_on', 'runs_on', 'hosted_on', 'contains', 'connects_to')),
        source_id uuid NOT NULL REFERENCES configuration_items (id),
        target_id uuid NOT NULL REFERENCES configuration_items (id),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (source_id <> target_id),
        UNIQUE (source_id, target_id, type)
      )`);
    // Impact walks target → source; dependencies walk source → target. Both are index-only scans.
    await runner.query(
      `CREATE INDEX relationship_by_target ON relationships (target_id, source_id)`,
    );
    await runner.query(`
      CREATE TABLE relationship_rules (
        type text NOT NULL,
        source_class text NOT NULL REFERENCES ci_classes (name) ON UPDATE CASCADE ON DELETE CASCADE,
        target_class text NOT NULL REFERENCES ci_classes (name) ON UPDATE CASCADE ON DELETE CASCADE,
        PRIMARY KEY (type, source_class, target_class)
      )`);
    await runner.query(`
      CREATE TABLE data_sources (
        name text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_-]{0,62}$'),
        rank integer NOT NULL,
        description text
      )`);

    for (const seed of SEED_CLASSES) {
      await runner.query(
        `INSERT INTO ci_classes (name, label, parent_id, attributes, identification_rules)
         VALUES ($1, $2, (SELECT id FROM ci_classes WHERE name = $3), $4, $5)`,
        [
          seed.name,
          seed.label,
          seed.parent ?? null,
          JSON.stringify(seed.attributes),
          JSON.stringify(seed.identificationRules),
        ],
      );
    }
    for (const rule of DEFAULT_RELATIONSHIP_RULES) {
      await runner.query(
        `INSERT INTO relationship_rules (type, source_class, target_class) VALUES ($1, $2, $3)`,
        [rule.type, rule.sourceClass, rule.targetClass],
      );
    }
    for (const source of SEED_DATA_SOURCES) {
      await runner.query(`INSERT INTO data_sources (name, rank, description) VALUES ($1, $2, $3)`, [
        source.name,
        source.rank,
        source.description,
      ]);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'data_sources',
      'relationship_rules',
      'relationships',
      'configuration_items',
      'ci_classes',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
