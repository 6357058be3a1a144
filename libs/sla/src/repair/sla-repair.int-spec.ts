import { randomUUID } from 'node:crypto';
import { applyMigrations, createServiceDataSource } from '@itsm/persistence';
import { createTestDatabase, type TestDatabase } from '@itsm/testing';
import type { DataSource } from 'typeorm';
import { CreateSlaRepairTable1765200000000 } from './create-sla-repair-table.migration';
import { runSlaRepairBatch, type RepairLog, type RepairSubjects } from './sla-repair-batch';
import { requestSlaRepair, slaRepairStatus } from './sla-repair-request';

/** Subjects kept in memory: which ids were repaired, and which a change holds. */
class FakeSubjects implements RepairSubjects<string> {
  readonly noun = 'request';
  readonly repaired: string[] = [];
  readonly held = new Set<string>();
  readonly askedAfter: Array<string | null> = [];

  constructor(readonly ids: string[]) {
    ids.sort();
  }

  async idsAfter(_manager: unknown, afterId: string | null, limit: number): Promise<string[]> {
    this.askedAfter.push(afterId);
    return this.ids.filter((id) => afterId === null || id > afterId).slice(0, limit);
  }

  async definitionsInForce(): Promise<string[]> {
    return ['delivery'];
  }

  async repair(_manager: unknown, id: string): Promise<void> {
    if (this.held.has(id)) throw Object.assign(new Error('lock not available'), { code: '55P03' });
    this.repaired.push(id);
  }
}

const quiet: RepairLog = { log: () => undefined, error: () => undefined };

describe('SLA repair on the table CreateSlaRepairTable makes, against real PostgreSQL', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('sla_repair');
    dataSource = createServiceDataSource({
      url: db.url,
      applicationName: 'sla-repair-test',
      entities: [],
      migrations: [CreateSlaRepairTable1765200000000],
    });
    await dataSource.initialize();
    await applyMigrations(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const runBatch = (subjects: FakeSubjects) =>
    dataSource.transaction((manager) => runSlaRepairBatch(manager, subjects, new Date(), quiet));
  const request = () => dataSource.transaction((manager) => requestSlaRepair(manager));

  it('has nothing pending until a repair is requested', async () => {
    expect(await slaRepairStatus(dataSource)).toEqual({
      pending: false,
      requestedAt: null,
      deferredIds: [],
    });
    expect(await runBatch(new FakeSubjects([randomUUID()]))).toBe(0);
  });

  it('recomputes every subject once, then ends the repair', async () => {
    const subjects = new FakeSubjects([randomUUID(), randomUUID(), randomUUID()]);
    await request();
    expect(await slaRepairStatus(dataSource)).toMatchObject({ pending: true, deferredIds: [] });
    expect(await runBatch(subjects)).toBe(3);
    expect(await runBatch(subjects)).toBe(0);
    expect(subjects.repaired).toEqual(subjects.ids);
    expect(subjects.askedAfter).toEqual([null, subjects.ids[2]]);
    expect((await slaRepairStatus(dataSource)).pending).toBe(false);
  });

  it('defers a subject a change holds and comes back to it once it is free', async () => {
    const subjects = new FakeSubjects([randomUUID(), randomUUID()]);
    const [held, free] = subjects.ids as [string, string];
    subjects.held.add(held);
    await request();
    await runBatch(subjects);
    expect(subjects.repaired).toEqual([free]);
    expect(await slaRepairStatus(dataSource)).toMatchObject({ pending: true, deferredIds: [held] });

    subjects.held.delete(held);
    await runBatch(subjects);
    expect(subjects.repaired).toEqual([free, held]);
    expect((await slaRepairStatus(dataSource)).pending).toBe(false);
  });

  it('starts over from the first subject when a repair is requested again', async () => {
    const subjects = new FakeSubjects([randomUUID(), randomUUID()]);
    await request();
    await runBatch(subjects);
    await request();
    await runBatch(subjects);
    expect(subjects.askedAfter).toEqual([null, null]);
  });
});
