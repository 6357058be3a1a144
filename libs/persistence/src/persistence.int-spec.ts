import { createTestDatabase, type TestDatabase } from '@itsm/testing';
import { Client } from 'pg';
import {
  Column,
  Entity,
  type DataSource,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import { withAuditActor } from './audit/audit-context';
import { AuditEntry } from './audit/audit-entry.entity';
import { Audited } from './audit/audited.decorator';
import { createServiceDataSource } from './data-source';
import { dropDatabase, ensureDatabase } from './ensure-database';
import { applyMigrations, hasPendingMigrations, revertLastMigration } from './migrations';
import { VersionedEntity } from './versioned.entity';

@Entity({ name: 'widgets' })
@Audited({ entityType: 'widget' })
class Widget extends VersionedEntity {
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  color!: string | null;
}

class CreateWidgets1764300000000 implements MigrationInterface {
  name = 'CreateWidgets1764300000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE widgets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL, color text,
      created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL)`);
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE widgets');
  }
}

describe('persistence against a real PostgreSQL', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('persistence');
    dataSource = createServiceDataSource({
      url: database.url,
      applicationName: 'persistence-test',
      entities: [Widget],
      migrations: [CreateWidgets1764300000000],
    });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('applies the audit trail and the service migrations once, and knows when none are pending', async () => {
    expect(await hasPendingMigrations(dataSource)).toBe(true);
    expect(await applyMigrations(dataSource)).toEqual([
      'CreateAuditTrail1764201600000',
      'CreateWidgets1764300000000',
    ]);
    expect(await applyMigrations(dataSource)).toEqual([]);
    expect(await hasPendingMigrations(dataSource)).toBe(false);
  });

  it('increments the version on every update', async () => {
    const repository = dataSource.getRepository(Widget);
    const widget = await repository.save(repository.create({ name: 'gear', color: null }));
    expect(widget.version).toBe(1);
    widget.color = 'red';
    expect((await repository.save(widget)).version).toBe(2);
  });

  it('records who changed which field from what to what, in the same transaction', async () => {
    const repository = dataSource.getRepository(Widget);
    const widget = await withAuditActor('user:alice', () =>
      repository.save(repository.create({ name: 'cog', color: 'blue' })),
    );
    await withAuditActor('user:bob', async () => {
      widget.color = 'green';
      await repository.save(widget);
    });

    const history = await dataSource
      .getRepository(AuditEntry)
      .find({ where: { entityType: 'widget', entityId: widget.id }, order: { id: 'ASC' } });
    expect(
      history.map(({ operation, field, oldValue, newValue, actor }) => ({
        operation,
        field,
        oldValue,
        newValue,
        actor,
      })),
    ).toEqual([
      {
        operation: 'create',
        field: 'color',
        oldValue: null,
        newValue: 'blue',
        actor: 'user:alice',
      },
      {
        operation: 'create',
        field: 'id',
        oldValue: null,
        newValue: widget.id,
        actor: 'user:alice',
      },
      { operation: 'create', field: 'name', oldValue: null, newValue: 'cog', actor: 'user:alice' },
      {
        operation: 'update',
        field: 'color',
        oldValue: 'blue',
        newValue: 'green',
        actor: 'user:bob',
      },
    ]);
  });

  it('loses the history with the change when the transaction rolls back', async () => {
    const before = await dataSource.getRepository(AuditEntry).count();
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.save(manager.create(Widget, { name: 'doomed', color: null }));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await dataSource.getRepository(AuditEntry).count()).toBe(before);
  });

  it('keeps the audit trail append-only', async () => {
    await expect(dataSource.query(`UPDATE audit_trail SET actor = 'mallory'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(dataSource.query('DELETE FROM audit_trail')).rejects.toThrow(/append-only/);
  });

  it('reverts the last migration', async () => {
    expect(await revertLastMigration(dataSource)).toBe(true);
    expect(await hasPendingMigrations(dataSource)).toBe(true);
    expect(await applyMigrations(dataSource)).toEqual(['CreateWidgets1764300000000']);
  });
});

describe('migrations of replicas starting together', () => {
  it('run once, the other replicas waiting and finding nothing pending', async () => {
    const database = await createTestDatabase('migrations-race');
    const replicas = [1, 2, 3].map((replica) =>
      createServiceDataSource({
        url: database.url,
        applicationName: `replica-${replica}`,
        entities: [Widget],
        migrations: [CreateWidgets1764300000000],
      }),
    );
    try {
      await Promise.all(replicas.map((replica) => replica.initialize()));
      const applied = await Promise.all(replicas.map((replica) => applyMigrations(replica)));
      expect(applied.flat().sort()).toEqual([
        'CreateAuditTrail1764201600000',
        'CreateWidgets1764300000000',
      ]);
    } finally {
      await Promise.all(replicas.map((replica) => replica.destroy()));
      await database.drop();
    }
  });
});

describe('ensureDatabase', () => {
  it('creates a missing database once, even when several replicas race', async () => {
    const scratch = await createTestDatabase('ensure');
    await dropDatabase(scratch.url);
    const outcomes = await Promise.all([1, 2, 3].map(() => ensureDatabase(scratch.url)));
    expect(outcomes.filter((outcome) => outcome === 'created')).toHaveLength(1);
    const client = new Client({ connectionString: scratch.url });
    await client.connect();
    expect((await client.query('SELECT current_database() AS name')).rows[0].name).toBe(
      scratch.name,
    );
    await client.end();
    await scratch.drop();
  });

  it('refuses a URL without a database name', async () => {
    await expect(ensureDatabase('postgres://itsm:itsm@127.0.0.1:1/')).rejects.toThrow(
      /must name a database/,
    );
  });
});
