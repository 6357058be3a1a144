import { randomUUID } from 'node:crypto';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../change.definition';
import { SchedulingFixture } from '../conflicts/scheduling.testing';

jest.setTimeout(180_000);

const URL = '/api/v1/blackout-windows';
const freeze = {
  name: 'Year-end freeze',
  reason: 'Peak season',
  start: '2027-12-20T00:00:00Z',
  end: '2028-01-04T00:00:00Z',
  scope: 'global',
};

/** Blackout windows: their API, and how they stop scheduling. */
describe('blackout windows, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  let fixture: SchedulingFixture;

  const create = (payload: object, headers: Record<string, string> = {}, as = 'chloe') =>
    api.call('POST', URL, { as, payload, headers });
  const events = async (id: string) =>
    (
      (await api.dataSource.query(
        `SELECT event_type, payload FROM outbox WHERE aggregate_id = $1 ORDER BY sequence`,
        [id],
      )) as Array<{ event_type: string; payload: Record<string, unknown> }>
    ).map((row) => [row.event_type, row.payload] as const);

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    fixture = new SchedulingFixture(api);
    await fixture.publishTemplate();
  });
  afterAll(() => api.close());

  it('declares, moves and lifts a freeze, with ETag, history and an event for each', async () => {
    const created = await create(freeze);
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe(`${URL}/${created.json().id}`);
    expect(created.headers.etag).toBe('W/"1"');
    const blackout = created.json();
    expect(blackout).toMatchObject({
      ...freeze,
      start: '2027-12-20T00:00:00.000Z',
      end: '2028-01-04T00:00:00.000Z',
      ciIds: [],
      serviceIds: [],
      createdBy: 'chloe',
      version: 1,
    });

    const stale = await api.call('PATCH', `${URL}/${blackout.id}`, {
      as: 'chloe',
      payload: { end: '2028-01-06T00:00:00Z' },
      headers: { 'if-match': 'W/"7"' },
    });
    expect(stale.statusCode).toBe(409);
    expect(
      (await api.call('PATCH', `${URL}/${blackout.id}`, { as: 'chloe', payload: {} })).statusCode,
    ).toBe(428);
    const moved = await api.call('PATCH', `${URL}/${blackout.id}`, {
      as: 'chloe',
      payload: { end: '2028-01-06T00:00:00Z', reason: null },
      headers: { 'if-match': 'W/"1"' },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      end: '2028-01-06T00:00:00.000Z',
      reason: null,
      version: 2,
    });
    expect((await api.call('GET', `${URL}/${blackout.id}`, { as: 'alice' })).json().version).toBe(
      2,
    );

    const history = (
      await api.call('GET', `${URL}/${blackout.id}/history?limit=100`, { as: 'nina' })
    ).json();
    expect(history.items).toContainEqual(
      expect.objectContaining({ field: 'end', operation: 'update', changedBy: 'chloe' }),
    );

    expect((await api.call('DELETE', `${URL}/${blackout.id}`, { as: 'chloe' })).statusCode).toBe(
      428,
    );
    const lifted = await api.call('DELETE', `${URL}/${blackout.id}?version=2`, { as: 'chloe' });
    expect(lifted.statusCode).toBe(204);
    expect((await api.call('GET', `${URL}/${blackout.id}`, { as: 'chloe' })).statusCode).toBe(404);
    expect((await events(blackout.id)).map(([type]) => type)).toEqual([
      'itsm.change.blackout_window.created.v1',
      'itsm.change.blackout_window.updated.v1',
      'itsm.change.blackout_window.deleted.v1',
    ]);
  });

  it('answers a retry with the same Idempotency-Key with the first freeze', async () => {
    const key = { 'idempotency-key': randomUUID() };
    const first = await create({ ...freeze, name: 'Retried' }, key);
    const again = await create({ ...freeze, name: 'Retried' }, key);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    expect((await create({ ...freeze, name: 'Another' }, key)).statusCode).toBe(422);
  });

  it('refuses an invalid freeze naming the field, and writes nothing', async () => {
    const before = (
      await api.dataSource.query(`SELECT count(*)::int AS n FROM blackout_windows`)
    )[0].n;
    const backwards = await create({ ...freeze, end: '2027-12-19T00:00:00Z' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([{ field: 'end', message: 'must be after start' }]);
    const unknownScope = await create({ ...freeze, scope: 'galaxy' });
    expect(unknownScope.statusCode).toBe(400);
    expect(unknownScope.json().errors.map((e: { field: string }) => e.field)).toEqual(['scope']);
    const empty = await create({ ...freeze, scope: 'cis' });
    expect(empty.json().errors.map((e: { field: string }) => e.field)).toEqual(['ciIds']);
    expect(
      (await api.dataSource.query(`SELECT count(*)::int AS n FROM blackout_windows`))[0].n,
    ).toBe(before);
  });

  it('lets change managers declare freezes and everybody read them', async () => {
    expect((await create(freeze, {}, 'nina')).statusCode).toBe(403);
    expect((await api.call('GET', URL, { as: 'alice' })).statusCode).toBe(200);
  });

  it('stops scheduling in a freeze on the change’s CI or on a service its CIs impact', async () => {
    const [ci, other, service] = [randomUUID(), randomUUID(), randomUUID()];
    const window = ['2028-03-01T22:00:00Z', '2028-03-01T23:00:00Z'] as const;
    const onCi = (
      await create({
        ...freeze,
        name: 'DB freeze',
        start: '2028-03-01T00:00:00Z',
        end: '2028-03-02T00:00:00Z',
        scope: 'cis',
        ciIds: [ci],
      })
    ).json();
    const onService = (
      await create({
        ...freeze,
        name: 'Shop freeze',
        start: '2028-03-01T00:00:00Z',
        end: '2028-03-02T00:00:00Z',
        scope: 'services',
        serviceIds: [service],
      })
    ).json();

    const onTheCi = await fixture.raise([ci], ...window);
    await fixture.answer(onTheCi.id, [ci]);
    expect((await fixture.schedule(onTheCi)).json().conflicts).toEqual([
      {
        kind: 'blackout',
        otherChange: null,
        blackoutWindow: { id: onCi.id, name: 'DB freeze', scope: 'cis' },
        ci,
        service: null,
        direction: null,
        path: [ci],
        window: { start: '2028-03-01T00:00:00.000Z', end: '2028-03-02T00:00:00.000Z' },
      },
    ]);

    const impactingTheService = await fixture.raise([other], ...window);
    await fixture.answer(impactingTheService.id, [other], [], [service]);
    expect((await fixture.schedule(impactingTheService)).json().conflicts).toMatchObject([
      { kind: 'blackout', blackoutWindow: { id: onService.id }, service, ci: null, path: [] },
    ]);

    const afterwards = await fixture.raise([ci], '2028-03-02T00:00:00Z', '2028-03-02T01:00:00Z');
    await fixture.answer(afterwards.id, [ci], [], [service]);
    expect((await fixture.schedule(afterwards)).statusCode).toBe(200);
  });
});
