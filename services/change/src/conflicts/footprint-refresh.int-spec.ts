import { randomUUID } from 'node:crypto';
import { relationshipCreated, relationshipDeleted } from '@itsm/contracts';
import { Inbox, type EventOf } from '@itsm/messaging';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../change.definition';
import { FootprintRefreshController } from './footprint-refresh.controller';
import { FOOTPRINT_REFRESH_ACTOR, FootprintRequests } from './footprint-requests';
import { changesNearQuery } from './refresh-footprints';
import { SchedulingFixture, type ChangeRef } from './scheduling.testing';

jest.setTimeout(180_000);

const EVENING = ['2026-12-07T22:00:00Z', '2026-12-07T23:00:00Z'] as const;

type Relationship = { sourceId: string; targetId: string };

/**
 * Footprints kept fresh, against real PostgreSQL: a relationship added or removed in the CMDB next
 * to a change that can still be scheduled (or is) asks the CMDB for its impact again, as a change
 * of its CIs does, once however often the event is delivered.
 */
describe('footprints asked for again when the CMDB relationships change', () => {
  let api: ServiceUnderTest;
  let fixture: SchedulingFixture;
  let handler: FootprintRefreshController;
  const inbox = new Inbox('itsm-change.footprint-refresh');

  const created = (ends: Relationship, id = randomUUID()) =>
    ({
      id,
      type: relationshipCreated.type,
      data: {
        id: randomUUID(),
        type: 'depends_on',
        ...ends,
        createdBy: 'u-5002',
        createdAt: new Date().toISOString(),
      },
    }) as EventOf<typeof relationshipCreated>;
  const deleted = (ends: Relationship) =>
    ({
      id: randomUUID(),
      type: relationshipDeleted.type,
      data: {
        id: randomUUID(),
        type: 'runs_on',
        ...ends,
        deletedBy: 'u-5002',
        deletedAt: new Date().toISOString(),
      },
    }) as EventOf<typeof relationshipDeleted>;

  /** As the consumer applies a chunk: the inbox rows and the effects in one transaction. */
  const deliver = (
    ...events: Array<EventOf<typeof relationshipCreated | typeof relationshipDeleted>>
  ) =>
    api.dataSource.transaction(async (manager) => {
      const fresh = await inbox.claim(manager, events);
      const ctx = { manager, subscription: 'footprint-refresh', attempt: 1 };
      for (const event of events) {
        if (!fresh.delete(event.id)) continue;
        if (event.type === relationshipCreated.type) {
          await handler.related(event as EventOf<typeof relationshipCreated>, ctx);
        } else {
          await handler.unrelated(event as EventOf<typeof relationshipDeleted>, ctx);
        }
      }
    });

  /** The impact requests for the change: `change.impact_requested` naming its CIs. */
  const requests = async (change: { id: string }) =>
    (
      (await api.dataSource.query(
        `SELECT payload FROM outbox WHERE aggregate_id = $1
           AND event_type = 'itsm.change.change.impact_requested.v1' AND payload->>'requestedBy' = $2
         ORDER BY sequence`,
        [change.id, FOOTPRINT_REFRESH_ACTOR],
      )) as Array<{ payload: Record<string, unknown> }>
    ).map((row) => row.payload);

  const scheduledWithNeighbour = async (): Promise<{
    change: ChangeRef;
    ci: string;
    near: string;
  }> => {
    const [ci, near] = [randomUUID(), randomUUID()];
    const change = await fixture.raise([ci], ...EVENING);
    await fixture.answer(
      change.id,
      [ci],
      [{ id: near, direction: 'dependencies', depth: 1, path: [ci, near] }],
    );
    const scheduled = await fixture.schedule(change);
    expect(scheduled.statusCode).toBe(200);
    return { change: scheduled.json(), ci, near };
  };

  /** Until another session waits for a row lock (the answer blocked behind the refresh). */
  const waitForLockWait = async () => {
    for (let i = 0; i < 200; i++) {
      const [{ n }] = (await api.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      )) as [{ n: number }];
      if (n > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the answer never waited for the request row');
  };

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    fixture = new SchedulingFixture(api);
    handler = api.app.get(FootprintRefreshController);
    await fixture.publishTemplate();
  });
  afterAll(() => api.close());

  it('asks the CMDB again for a scheduled change whose footprint holds an end of a new relationship', async () => {
    const { change, ci, near } = await scheduledWithNeighbour();
    await deliver(created({ sourceId: randomUUID(), targetId: near }));
    expect(await requests(change)).toEqual([
      expect.objectContaining({
        id: change.id,
        number: change.number,
        affectedCiIds: [ci],
        causedBy: relationshipCreated.type,
      }),
    ]);
    // The change did not move: its version stays, so nobody editing it is interrupted.
    const current = await api.call('GET', `/api/v1/changes/${change.id}`, { as: 'nina' });
    expect(current.json()).toMatchObject({ version: change.version, state: 'scheduled' });
  });

  it('asks once for a duplicate delivery of the same event', async () => {
    const { change, ci } = await scheduledWithNeighbour();
    const event = created({ sourceId: ci, targetId: randomUUID() });
    await deliver(event);
    await deliver(event);
    expect(await requests(change)).toHaveLength(1);
  });

  it('asks once for a change that several events of one chunk reach', async () => {
    const { change, ci, near } = await scheduledWithNeighbour();
    await deliver(
      created({ sourceId: ci, targetId: randomUUID() }),
      deleted({ sourceId: near, targetId: randomUUID() }),
    );
    expect(await requests(change)).toHaveLength(1);
  });

  it('keeps one request in flight: asks again after the answer when the graph moved meanwhile, then stops', async () => {
    const { change, ci, near } = await scheduledWithNeighbour();
    await deliver(created({ sourceId: ci, targetId: randomUUID() }));
    // A bulk import's stream of events near the change, one delivery each, before the CMDB answers.
    for (let i = 0; i < 5; i++) await deliver(created({ sourceId: near, targetId: randomUUID() }));
    expect(await requests(change)).toHaveLength(1);

    // The answer may have been computed before those relationships were committed: asked once more.
    await fixture.answer(
      change.id,
      [ci],
      [{ id: near, direction: 'dependencies', depth: 1, path: [ci, near] }],
    );
    const [, again] = await requests(change);
    expect(again).toMatchObject({ id: change.id, causedBy: relationshipCreated.type });
    expect(await requests(change)).toHaveLength(2);

    // Nothing moved since: the next answer ends the request, and the next event asks anew.
    await fixture.answer(
      change.id,
      [ci],
      [{ id: near, direction: 'dependencies', depth: 1, path: [ci, near] }],
    );
    expect(await requests(change)).toHaveLength(2);
    await deliver(deleted({ sourceId: near, targetId: randomUUID() }));
    expect(await requests(change)).toHaveLength(3);
  });

  it('asks again when an event marks the request stale while the answer is being recorded', async () => {
    const { change, ci, near } = await scheduledWithNeighbour();
    await deliver(created({ sourceId: ci, targetId: randomUUID() }));
    // The refresh subscription marks the request stale in a transaction not yet committed...
    const refresh = api.dataSource.createQueryRunner();
    await refresh.startTransaction();
    let answering: Promise<void> | undefined;
    try {
      await handler.related(created({ sourceId: near, targetId: randomUUID() }), {
        manager: refresh.manager,
        subscription: 'footprint-refresh',
        attempt: 1,
      });
      // ...while the impact subscription records the CMDB's answer: it waits for the row.
      answering = fixture.answer(
        change.id,
        [ci],
        [{ id: near, direction: 'dependencies', depth: 1, path: [ci, near] }],
      );
      await waitForLockWait();
      await refresh.commitTransaction();
    } finally {
      if (refresh.isTransactionActive) await refresh.rollbackTransaction();
      await refresh.release();
    }
    await answering;
    expect(await requests(change)).toHaveLength(2);
    // The second answer ends the request: the next event asks anew, nothing is stuck in flight.
    await fixture.answer(
      change.id,
      [ci],
      [{ id: near, direction: 'dependencies', depth: 1, path: [ci, near] }],
    );
    await deliver(deleted({ sourceId: near, targetId: randomUUID() }));
    expect(await requests(change)).toHaveLength(3);
  });

  it('takes a request unanswered for 15 minutes as lost: the next event asks again', async () => {
    const { change, ci, near } = await scheduledWithNeighbour();
    await deliver(created({ sourceId: ci, targetId: randomUUID() }));
    await deliver(created({ sourceId: near, targetId: randomUUID() }));
    expect(await requests(change)).toHaveLength(1);
    // Its answer never comes (dead-lettered): 16 minutes on, an event near the change asks anew.
    await api.dataSource.query(
      `UPDATE change_footprint_requests SET requested_at = requested_at - interval '16 minutes'
        WHERE change_id = $1`,
      [change.id],
    );
    await deliver(deleted({ sourceId: near, targetId: randomUUID() }));
    const [, renewed] = await requests(change);
    expect(renewed).toMatchObject({ id: change.id, causedBy: relationshipDeleted.type });
    // The renewed request starts clean: its answer ends it without asking once more.
    await fixture.answer(
      change.id,
      [ci],
      [{ id: near, direction: 'dependencies', depth: 1, path: [ci, near] }],
    );
    expect(await requests(change)).toHaveLength(2);
  });

  it('takes the requests of several changes in one order, so that two refreshes at once do not deadlock', async () => {
    const [a, b] = [
      await fixture.raise([randomUUID()], ...EVENING),
      await fixture.raise([randomUUID()], ...EVENING),
    ];
    const [first, second] = [a, b]
      .map((change) => ({ id: change.id, number: change.number, affectedCiIds: [] }))
      .sort((x, y) => (x.id < y.id ? -1 : 1));
    const requestsOf = api.app.get(FootprintRequests);
    const [one, other] = [api.dataSource.createQueryRunner(), api.dataSource.createQueryRunner()];
    await one.startTransaction();
    await other.startTransaction();
    try {
      // One refresh holds the first change's request; the other reaches both, the second listed first.
      await requestsOf.ask(one.manager, [first!], relationshipCreated.type, new Date());
      const both = requestsOf.ask(
        other.manager,
        [second!, first!],
        relationshipCreated.type,
        new Date(),
      );
      await waitForLockWait();
      // The first refresh goes on to the second change: it must not find it held by the other.
      await requestsOf.ask(one.manager, [second!], relationshipCreated.type, new Date());
      await one.commitTransaction();
      await both;
      await other.commitTransaction();
    } finally {
      for (const runner of [one, other]) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
    }
  });

  it('asks for changes that can still be scheduled, through their own CIs before any answer', async () => {
    const ci = randomUUID();
    const fresh = await fixture.raise([ci], ...EVENING);
    await deliver(deleted({ sourceId: randomUUID(), targetId: ci }));
    expect(await requests(fresh)).toHaveLength(1);
  });

  it('asks nothing for a relationship that touches no change that can still be scheduled', async () => {
    const { change, ci } = await scheduledWithNeighbour();
    const ended = await fixture.raise([ci], ...EVENING);
    const canceled = await api.call('POST', `/api/v1/changes/${ended.id}/transitions`, {
      as: 'nina',
      payload: { to: 'canceled', reason: 'Not needed' },
      headers: { 'if-match': `W/"${ended.version}"` },
    });
    expect(canceled.statusCode).toBe(200);
    const before = Number(
      ((await api.dataSource.query(`SELECT count(*) AS n FROM outbox`)) as Array<{ n: string }>)[0]!
        .n,
    );
    await deliver(created({ sourceId: randomUUID(), targetId: randomUUID() }));
    const after = Number(
      ((await api.dataSource.query(`SELECT count(*) AS n FROM outbox`)) as Array<{ n: string }>)[0]!
        .n,
    );
    expect(after).toBe(before);
    // Neither a canceled change on the CI: it will never be scheduled again.
    await deliver(created({ sourceId: ci, targetId: randomUUID() }));
    expect(await requests(ended)).toEqual([]);
    expect(await requests(change)).toHaveLength(1);
  });

  it('finds the changes through the GIN indexes on their CIs and on their footprints', async () => {
    const runner = api.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      // An estate (rolled back afterwards): 20,000 changes, four in five of them closed, each on
      // two of 4,000 CIs with ten related CIs in its footprint; a CI is in a handful of changes.
      await runner.query(
        `INSERT INTO changes (type, state, short_description, affected_ci_ids, requested_by, opened_by)
         SELECT 'normal',
                CASE WHEN i % 5 = 0 THEN (ARRAY['new','assess','authorize','scheduled','implement'])[1 + i % 25 / 5]
                     ELSE 'closed' END,
                'Estate change ' || i,
                ARRAY[md5('ci' || (i % 4000))::uuid, md5('ci' || ((i + 7) % 4000))::uuid],
                'estate', 'estate'
           FROM generate_series(1, 20000) AS i`,
      );
      await runner.query(
        `INSERT INTO change_footprints
           (change_id, ci_ids, related, related_ci_ids, service_ids, depth, truncated, calculated_at)
         SELECT id, affected_ci_ids, '[]',
                ARRAY(SELECT md5('ci' || ((n * 31 + k) % 4000))::uuid FROM generate_series(1, 10) AS k),
                '{}', 5, false, now()
           FROM (SELECT id, affected_ci_ids, row_number() OVER () AS n
                   FROM changes WHERE requested_by = 'estate') AS c`,
      );
      await runner.query('ANALYZE changes');
      await runner.query('ANALYZE change_footprints');
      const { sql, params } = changesNearQuery([randomUUID(), randomUUID()]);
      const plan = (await runner.query(`EXPLAIN ${sql}`, params)) as Array<{
        'QUERY PLAN': string;
      }>;
      const text = plan.map((row) => row['QUERY PLAN']).join('\n');
      expect(text).toMatch(/Bitmap Index Scan on changes_refreshable_cis\b/);
      expect(text).toMatch(/Bitmap Index Scan on change_footprints_related\b/);
      expect(text).not.toMatch(/Seq Scan/);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
