import { applyMigrations, createServiceDataSource } from '@itsm/persistence';
import { createTestDatabase, type TestDatabase } from '@itsm/testing';
import type { DataSource } from 'typeorm';
import { CreateMessagingTables1764288000000 } from '../outbox/create-messaging-tables.migration';
import { Inbox } from './inbox';

const updated = (id: string) => ({ id, type: 'itsm.incident.incident.updated.v1' });

describe('Inbox, against real PostgreSQL', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const inbox = new Inbox('itsm-incident.default');

  beforeAll(async () => {
    db = await createTestDatabase('inbox');
    dataSource = createServiceDataSource({
      url: db.url,
      applicationName: 'inbox-test',
      entities: [],
      migrations: [CreateMessagingTables1764288000000],
    });
    await dataSource.initialize();
    await applyMigrations(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const claim = (target: Inbox, events: Array<{ id: string; type: string }>) =>
    dataSource.transaction((manager) => target.claim(manager, events));

  it('claims an event the first time and reports every redelivery as claimed before', async () => {
    expect(await claim(inbox, [updated('e-1'), updated('e-2')])).toEqual(new Set(['e-1', 'e-2']));
    expect(await claim(inbox, [updated('e-1')])).toEqual(new Set());
    expect(await claim(inbox, [updated('e-2'), updated('e-3')])).toEqual(new Set(['e-3']));
  });

  it('claims an id given twice in one call once', async () => {
    expect(await claim(inbox, [updated('e-4'), updated('e-4')])).toEqual(new Set(['e-4']));
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM inbox WHERE event_id = 'e-4'`,
    );
    expect(n).toBe(1);
  });

  it('keeps each consumer’s claims apart', async () => {
    const other = new Inbox('itsm-incident.impact');
    expect(await claim(other, [updated('e-1')])).toEqual(new Set(['e-1']));
  });

  it('forgets a claim whose transaction rolled back, so the event is applied on redelivery', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await inbox.claim(manager, [updated('e-5')]);
        throw new Error('the handler failed');
      }),
    ).rejects.toThrow('the handler failed');
    expect(await claim(inbox, [updated('e-5')])).toEqual(new Set(['e-5']));
  });

  it('records the consumer, the event and its type', async () => {
    await claim(inbox, [updated('e-6')]);
    const rows = await dataSource.query(
      `SELECT consumer, event_id, event_type FROM inbox WHERE event_id = 'e-6'`,
    );
    expect(rows).toEqual([
      {
        consumer: 'itsm-incident.default',
        event_id: 'e-6',
        event_type: 'itsm.incident.incident.updated.v1',
      },
    ]);
  });
});
