import { randomUUID } from 'node:crypto';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../change.definition';
import { SchedulingFixture, type ChangeRef } from '../conflicts/scheduling.testing';

jest.setTimeout(180_000);

const URL = '/api/v1/blackout-windows';

/** A freeze lists, when declared, moved or read, the planned changes it stops. */
describe('changes affected by a blackout window, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  let fixture: SchedulingFixture;

  const declare = (payload: object) =>
    api.call('POST', URL, {
      as: 'chloe',
      payload: { name: 'Freeze', reason: 'Peak season', ...payload },
    });
  const savedEvents = async (id: string) =>
    (
      (await api.dataSource.query(
        `SELECT payload FROM outbox WHERE aggregate_id = $1 ORDER BY sequence`,
        [id],
      )) as Array<{ payload: Record<string, unknown> }>
    ).map((row) => row.payload);
  /** A change in Scheduled on `ciIds`, the CMDB having answered that they impact `serviceIds`. */
  const scheduled = async (
    ciIds: string[],
    start: string,
    end: string,
    serviceIds: string[] = [],
  ): Promise<ChangeRef> => {
    const change = await fixture.raise(ciIds, start, end);
    await fixture.answer(change.id, ciIds, [], serviceIds);
    const answer = await fixture.schedule(change);
    expect(answer.statusCode).toBe(200);
    return answer.json();
  };
  const listed = (change: ChangeRef, start: string, end: string, why: object) => ({
    id: change.id,
    number: change.number,
    state: 'scheduled',
    window: { start, end },
    ci: null,
    service: null,
    ...why,
  });

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    fixture = new SchedulingFixture(api);
    await fixture.publishTemplate();
  });
  afterAll(() => api.close());

  it('lists the scheduled changes on a frozen CI in its window, not those outside', async () => {
    const [ci, elsewhere] = [randomUUID(), randomUUID()];
    const inside = await scheduled([ci], '2029-03-01T22:00:00Z', '2029-03-01T23:00:00Z');
    const after = await scheduled([ci], '2029-03-02T00:00:00Z', '2029-03-02T01:00:00Z');
    const otherCi = await scheduled([elsewhere], '2029-03-01T22:00:00Z', '2029-03-01T23:00:00Z');

    const created = await declare({
      start: '2029-03-01T00:00:00Z',
      end: '2029-03-02T00:00:00Z',
      scope: 'cis',
      ciIds: [ci],
    });
    expect(created.statusCode).toBe(201);
    const blackout = created.json();
    const insideListed = listed(inside, '2029-03-01T22:00:00.000Z', '2029-03-01T23:00:00.000Z', {
      ci,
    });
    expect(blackout).toMatchObject({
      affectedChanges: [insideListed],
      affectedChangesTruncated: false,
    });
    const read = await api.call('GET', `${URL}/${blackout.id}`, { as: 'nina' });
    expect(read.json().affectedChanges).toEqual([insideListed]);
    expect([after.id, otherCi.id]).not.toContain(read.json().affectedChanges[0].id);

    const moved = await api.call('PATCH', `${URL}/${blackout.id}`, {
      as: 'chloe',
      payload: { end: '2029-03-02T02:00:00Z' },
      headers: { 'if-match': 'W/"1"' },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().affectedChanges.map((c: { id: string }) => c.id)).toEqual([
      inside.id,
      after.id,
    ]);
    expect(await savedEvents(blackout.id)).toMatchObject([
      { affectedChangeIds: [inside.id], affectedChangesTruncated: false },
      { affectedChangeIds: [inside.id, after.id], affectedChangesTruncated: false },
    ]);
  });

  it('lists every change in the window of a global freeze, and by service for a service freeze', async () => {
    const [one, two, service] = [randomUUID(), randomUUID(), randomUUID()];
    const first = await scheduled([one], '2029-06-01T20:00:00Z', '2029-06-01T21:00:00Z');
    const second = await scheduled([two], '2029-06-01T22:00:00Z', '2029-06-01T23:00:00Z', [
      service,
    ]);
    await scheduled([one], '2029-06-03T20:00:00Z', '2029-06-03T21:00:00Z', [service]);

    const global = (
      await declare({ start: '2029-06-01T00:00:00Z', end: '2029-06-02T00:00:00Z', scope: 'global' })
    ).json();
    expect(global.affectedChanges).toEqual([
      listed(first, '2029-06-01T20:00:00.000Z', '2029-06-01T21:00:00.000Z', {}),
      listed(second, '2029-06-01T22:00:00.000Z', '2029-06-01T23:00:00.000Z', {}),
    ]);

    const onService = (
      await declare({
        start: '2029-06-01T00:00:00Z',
        end: '2029-06-02T00:00:00Z',
        scope: 'services',
        serviceIds: [service],
      })
    ).json();
    expect(onService.affectedChanges).toEqual([
      listed(second, '2029-06-01T22:00:00.000Z', '2029-06-01T23:00:00.000Z', { service }),
    ]);
  });

  it('lists a change whose scheduling was under way when the freeze was declared', async () => {
    const ci = randomUUID();
    const change = await fixture.raise([ci], '2030-01-10T22:00:00Z', '2030-01-10T23:00:00Z');
    // A scheduling mid-way: it holds the scheduling turn, found no freeze, and has not committed.
    const scheduling = api.dataSource.createQueryRunner();
    await scheduling.connect();
    await scheduling.startTransaction();
    try {
      await scheduling.query(`SELECT pg_advisory_xact_lock(hashtext('change:scheduling'))`);
      await scheduling.query(`UPDATE changes SET state = 'scheduled' WHERE id = $1`, [change.id]);
      const declaring = declare({
        start: '2030-01-10T00:00:00Z',
        end: '2030-01-11T00:00:00Z',
        scope: 'cis',
        ciIds: [ci],
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      await scheduling.commitTransaction();
      const created = await declaring;
      expect(created.statusCode).toBe(201);
      expect(created.json().affectedChanges.map((c: { id: string }) => c.id)).toEqual([change.id]);
    } finally {
      if (scheduling.isTransactionActive) await scheduling.rollbackTransaction();
      await scheduling.release();
    }
  });

  it('shows a requester only the changes they may see', async () => {
    const ci = randomUUID();
    await scheduled([ci], '2029-09-01T20:00:00Z', '2029-09-01T21:00:00Z');
    const blackout = (
      await declare({
        start: '2029-09-01T00:00:00Z',
        end: '2029-09-02T00:00:00Z',
        scope: 'cis',
        ciIds: [ci],
      })
    ).json();
    expect(blackout.affectedChanges).toHaveLength(1);
    const asRequester = await api.call('GET', `${URL}/${blackout.id}`, { as: 'alice' });
    expect(asRequester.statusCode).toBe(200);
    expect(asRequester.json().affectedChanges).toEqual([]);
  });
});
