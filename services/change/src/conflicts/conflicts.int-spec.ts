import { randomUUID } from 'node:crypto';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../change.definition';
import { OWN_CIS_ONLY } from './conflict-scheduling-check';
import { SchedulingFixture } from './scheduling.testing';

jest.setTimeout(180_000);

const EVENING = ['2026-12-05T22:00:00Z', '2026-12-05T23:00:00Z'] as const;

/**
 * Conflicts at scheduling and on demand, against real PostgreSQL: the other planned changes on the
 * change's CIs or on CIs related to them in the CMDB's answer, found by the two indexed queries.
 */
describe('conflict detection, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  let fixture: SchedulingFixture;

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    fixture = new SchedulingFixture(api);
    await fixture.publishTemplate();
  });
  afterAll(() => api.close());

  it('refuses to schedule a change beside another on a CI it depends on, naming the path', async () => {
    const [database, app] = [randomUUID(), randomUUID()];
    const first = await fixture.raise([database], ...EVENING);
    await fixture.answer(first.id, [database]);
    const scheduled = await fixture.schedule(first);
    expect(scheduled.statusCode).toBe(200);

    const second = await fixture.raise([app], '2026-12-05T22:30:00Z', '2026-12-06T00:00:00Z');
    await fixture.answer(
      second.id,
      [app],
      [{ id: database, direction: 'dependencies', depth: 1, path: [app, database] }],
    );
    const refused = await fixture.schedule(second);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      type: 'https://itsm.dev/problems/change-conflict',
      conflicts: [
        {
          kind: 'dependency',
          otherChange: { id: first.id, number: first.number, state: 'scheduled' },
          ci: database,
          direction: 'dependencies',
          path: [app, database],
          window: { start: '2026-12-05T22:00:00.000Z', end: '2026-12-05T23:00:00.000Z' },
        },
      ],
    });
    // Other changes are not a requester's to read.
    expect(await fixture.conflicts(second, 'alice')).toMatchObject({ status: 403 });
    const onDemand = await fixture.conflicts(second);
    expect(onDemand).toMatchObject({ footprint: 'answered', depth: 3 });
    expect(onDemand.conflicts).toEqual(refused.json().conflicts);
    // The first sees the second only once it is scheduled: a change in New commits to nothing.
    expect((await fixture.conflicts(first)).conflicts).toEqual([]);
  });

  it('finds another change on the same CI, and none in a window that only touches', async () => {
    const ci = randomUUID();
    const first = await fixture.raise([ci], ...EVENING);
    await fixture.answer(first.id, [ci]);
    expect((await fixture.schedule(first)).statusCode).toBe(200);
    const touching = await fixture.raise([ci], '2026-12-05T23:00:00Z', '2026-12-06T01:00:00Z');
    await fixture.answer(touching.id, [ci]);
    expect((await fixture.conflicts(touching)).conflicts).toEqual([]);
    const overlapping = await fixture.raise([ci], ...EVENING);
    await fixture.answer(overlapping.id, [ci]);
    const refused = await fixture.schedule(overlapping);
    expect(refused.json().conflicts).toMatchObject([{ kind: 'same_ci', ci, path: [ci] }]);
  });

  it('lets a change manager override with a reason, recorded in the history and on the bus', async () => {
    const ci = randomUUID();
    const first = await fixture.raise([ci], ...EVENING);
    await fixture.answer(first.id, [ci]);
    await fixture.schedule(first);
    const second = await fixture.raise([ci], ...EVENING);
    await fixture.answer(second.id, [ci]);

    const byAgent = await fixture.schedule(second, 'nina', { reason: 'I know' });
    expect(byAgent.statusCode).toBe(403);
    expect(byAgent.json().requiredRoles).toEqual(['change_manager']);
    const blank = await fixture.schedule(second, 'chloe', { reason: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors).toEqual([
      { field: 'override.reason', message: 'Overriding conflicts needs a reason' },
    ]);
    const overridden = await fixture.schedule(second, 'chloe', {
      reason: 'Same team, one after the other',
    });
    expect(overridden.statusCode).toBe(200);
    expect(overridden.json().state).toBe('scheduled');

    const history = (
      await api.call('GET', `/api/v1/changes/${second.id}/history?limit=100`, { as: 'chloe' })
    ).json();
    expect(history.items).toContainEqual(
      expect.objectContaining({
        field: 'conflictOverride',
        changedBy: 'chloe',
        newValue: expect.objectContaining({ reason: 'Same team, one after the other' }),
      }),
    );
    const [event] = (await api.dataSource.query(
      `SELECT payload FROM outbox WHERE aggregate_id = $1 AND event_type LIKE '%conflicts_overridden%'`,
      [second.id],
    )) as Array<{ payload: Record<string, unknown> }>;
    expect(event!.payload).toMatchObject({
      number: second.number,
      reason: 'Same team, one after the other',
      footprintPending: false,
      overriddenBy: 'chloe',
      conflicts: [
        { kind: 'same_ci', otherChangeId: first.id, otherChangeNumber: first.number, ciId: ci },
      ],
    });
  });

  it('schedules on its own CIs alone before the CMDB answers, and says so in the history', async () => {
    const [ci, former, app] = [randomUUID(), randomUUID(), randomUUID()];
    const change = await fixture.raise([ci], ...EVENING);
    await fixture.answer(change.id, [former]);
    expect(await fixture.conflicts(change)).toMatchObject({ footprint: 'pending', depth: 0 });
    const scheduled = await fixture.schedule(change);
    expect(scheduled.statusCode).toBe(200);
    const history = (
      await api.call('GET', `/api/v1/changes/${change.id}/history?limit=100`, { as: 'chloe' })
    ).json();
    expect(history.items).toContainEqual(
      expect.objectContaining({ field: 'conflictCheck', newValue: OWN_CIS_ONLY }),
    );
    // Conflicts are symmetric: a change scheduled later finds it through its own footprint.
    const later = await fixture.raise([app], ...EVENING);
    await fixture.answer(
      later.id,
      [app],
      [{ id: ci, direction: 'impact', depth: 1, path: [app, ci] }],
    );
    expect((await fixture.schedule(later)).json().conflicts).toMatchObject([
      { kind: 'dependency', otherChange: { id: change.id } },
    ]);
  });

  it('schedules only one of two conflicting changes scheduled at the same moment', async () => {
    const ci = randomUUID();
    const both = [await fixture.raise([ci], ...EVENING), await fixture.raise([ci], ...EVENING)];
    for (const change of both) await fixture.answer(change.id, [ci]);
    const answers = await Promise.all(both.map((change) => fixture.schedule(change)));
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
  });

  it('sees no further than CHANGE_CONFLICT_DEPTH relationships', async () => {
    const [ci, far] = [randomUUID(), randomUUID()];
    const first = await fixture.raise([far], ...EVENING);
    await fixture.answer(first.id, [far]);
    await fixture.schedule(first);
    const change = await fixture.raise([ci], ...EVENING);
    const path = [ci, randomUUID(), randomUUID(), randomUUID(), far];
    await fixture.answer(change.id, [ci], [{ id: far, direction: 'impact', depth: 4, path }]);
    expect((await fixture.conflicts(change)).conflicts).toEqual([]);
  });

  it('keeps the later computed footprint when an older answer for the same CIs arrives late', async () => {
    const [ci, far] = [randomUUID(), randomUUID()];
    const first = await fixture.raise([far], ...EVENING);
    await fixture.answer(first.id, [far]);
    await fixture.schedule(first);
    const change = await fixture.raise([ci], ...EVENING);
    const newer = new Date();
    const older = new Date(newer.getTime() - 60_000);
    const path = [ci, far];
    await fixture.answer(
      change.id,
      [ci],
      [{ id: far, direction: 'impact', depth: 1, path }],
      [],
      newer,
    );
    await fixture.answer(change.id, [ci], [], [], older);
    const found = await fixture.conflicts(change);
    expect(found.footprintCalculatedAt).toBe(newer.toISOString());
    expect(found.conflicts).toMatchObject([{ kind: 'dependency', otherChange: { id: first.id } }]);
  });

  it('checks a scheduled change moved onto another change or into a freeze, as at scheduling', async () => {
    const ci = randomUUID();
    const first = await fixture.raise([ci], '2027-03-05T22:00:00Z', '2027-03-05T23:00:00Z');
    await fixture.answer(first.id, [ci]);
    expect((await fixture.schedule(first)).statusCode).toBe(200);
    const second = await fixture.raise([ci], '2027-03-07T22:00:00Z', '2027-03-07T23:00:00Z');
    await fixture.answer(second.id, [ci]);
    let change = (await fixture.schedule(second)).json();
    const moveTo = (start: string, end: string, as = 'nina', override?: { reason: string }) =>
      api.call('PATCH', `/api/v1/changes/${second.id}`, {
        as,
        payload: { plannedStart: start, plannedEnd: end, ...(override && { override }) },
        headers: { 'if-match': `W/"${change.version}"` },
      });

    const onto = await moveTo('2027-03-05T22:15:00Z', '2027-03-05T22:45:00Z');
    expect(onto.statusCode).toBe(409);
    expect(onto.json()).toMatchObject({
      type: expect.stringContaining('change-conflict'),
      detail: expect.stringContaining('may move it anyway'),
      conflicts: [{ kind: 'same_ci', otherChange: { id: first.id } }],
    });
    const freeze = await api.call('POST', '/api/v1/blackout-windows', {
      as: 'chloe',
      payload: {
        name: `Freeze ${ci}`,
        start: '2027-03-09T00:00:00Z',
        end: '2027-03-10T00:00:00Z',
        scope: 'cis',
        ciIds: [ci],
      },
    });
    expect(freeze.statusCode).toBe(201);
    const frozen = await moveTo('2027-03-09T22:00:00Z', '2027-03-09T23:00:00Z');
    expect(frozen.json().conflicts).toMatchObject([{ kind: 'blackout' }]);
    const byAgent = await moveTo('2027-03-05T22:15:00Z', '2027-03-05T22:45:00Z', 'nina', {
      reason: 'Same team',
    });
    expect(byAgent.statusCode).toBe(403);

    const overridden = await moveTo('2027-03-05T22:15:00Z', '2027-03-05T22:45:00Z', 'chloe', {
      reason: 'Same team, one maintenance',
    });
    expect(overridden.statusCode).toBe(200);
    change = overridden.json();
    expect(change).toMatchObject({ state: 'scheduled', plannedStart: '2027-03-05T22:15:00.000Z' });
    const history = (
      await api.call('GET', `/api/v1/changes/${second.id}/history?limit=100`, { as: 'chloe' })
    ).json();
    expect(history.items).toContainEqual(
      expect.objectContaining({
        field: 'conflictOverride',
        newValue: expect.objectContaining({ reason: 'Same team, one maintenance' }),
      }),
    );
    expect((await moveTo('2027-03-08T22:00:00Z', '2027-03-08T23:00:00Z')).statusCode).toBe(200);
  });
});
