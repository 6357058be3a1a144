import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { changeClosed, incidentCreated, incidentUpdated } from '@itsm/contracts';
import type { EventContext, EventOf } from '@itsm/messaging';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../incident.definition';
import { CandidateEventsController } from './candidate-events.controller';

jest.setTimeout(120_000);

const HOUR = 3600 * 1000;

/**
 * Flow 6 as the incident service applies it, each event in its own transaction as the consumer
 * runs it: an unsuccessful change links the incidents already on its CIs, incidents opened later
 * within 24 h link to it, and neither a redelivered event nor a successful change links anything.
 */
describe('"caused by change" candidates, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  let handlers: CandidateEventsController;
  const ci = randomUUID();
  const windowEnd = Date.now() - 2 * HOUR;
  const windowStart = windowEnd - HOUR;

  const deliver = (handle: (ctx: EventContext) => Promise<void>) =>
    api.dataSource.transaction((manager) =>
      handle({ manager, subscription: 'change-candidates', attempt: 1 }),
    );
  const closed = (closeCode: string, affectedCiIds = [ci]) =>
    ({
      data: {
        id: randomUUID(),
        number: `CHG${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
        type: 'normal',
        closeCode,
        closeNotes: 'Backed out',
        affectedCiIds,
        plannedStart: new Date(windowStart).toISOString(),
        plannedEnd: new Date(windowEnd).toISOString(),
        closedBy: 'chloe',
        closedAt: new Date(windowEnd + HOUR).toISOString(),
      },
    }) as EventOf<typeof changeClosed>;
  const open = async (configurationItemId: string | undefined, openedAt: Date) => {
    const incident = (
      await api.call('POST', '/api/v1/incidents', {
        as: 'sam',
        payload: {
          shortDescription: 'Orders fail',
          assignmentGroup: 'service-desk',
          ...(configurationItemId && { configurationItemId }),
        },
      })
    ).json();
    await api.dataSource.query('UPDATE incidents SET opened_at = $2 WHERE id = $1', [
      incident.id,
      openedAt,
    ]);
    return incident as { id: string; number: string };
  };
  const candidates = async (incidentId: string) =>
    (
      await api.call('GET', `/api/v1/incidents/${incidentId}/change-candidates`, { as: 'ivy' })
    ).json().items as Array<{ changeNumber: string }>;
  const linkedEvents = async (incidentId: string) =>
    (
      (await api.dataSource.query(
        `SELECT payload FROM outbox WHERE aggregate_id = $1 AND event_type LIKE '%change_candidate_linked%'`,
        [incidentId],
      )) as Array<{ payload: { changeNumber: string; configurationItemId: string } }>
    ).map((row) => row.payload);

  const waitingOnAdvisoryLock = async () =>
    (
      (await api.dataSource.query(
        `SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database
          WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = current_database()`,
      )) as unknown[]
    ).length > 0;

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    handlers = api.app.get(CandidateEventsController);
  });
  afterAll(() => api.close());

  it('links the incidents on its CIs opened during or up to 24 h after the window, once', async () => {
    const during = await open(ci, new Date(windowStart + HOUR / 2));
    const after = await open(ci, new Date(windowEnd + HOUR));
    const before = await open(ci, new Date(windowStart - HOUR));
    const elsewhere = await open(randomUUID(), new Date(windowStart + HOUR / 2));
    const change = closed('unsuccessful');
    await deliver((ctx) => handlers.changeClosed(change, ctx));
    await deliver((ctx) => handlers.changeClosed(change, ctx));
    for (const linked of [during, after]) {
      expect(await candidates(linked.id)).toEqual([
        expect.objectContaining({ changeId: change.data.id, changeNumber: change.data.number }),
      ]);
      expect(await linkedEvents(linked.id)).toEqual([
        expect.objectContaining({ changeNumber: change.data.number, configurationItemId: ci }),
      ]);
    }
    expect(await candidates(before.id)).toEqual([]);
    expect(await candidates(elsewhere.id)).toEqual([]);
    const history = (
      await api.call('GET', `/api/v1/incidents/${during.id}/history`, { as: 'ivy' })
    ).json().items;
    expect(history).toContainEqual(
      expect.objectContaining({
        field: 'causedByChangeCandidates',
        newValue: { changeId: change.data.id, changeNumber: change.data.number },
      }),
    );
  });

  it('links an incident opened on its CI after the announcement, or moved to it, within 24 h', async () => {
    const other = randomUUID();
    const change = closed('unsuccessful', [other]);
    await deliver((ctx) => handlers.changeClosed(change, ctx));
    const later = await open(other, new Date(windowEnd + 20 * HOUR));
    const created = { data: { id: later.id, configurationItemId: other } } as EventOf<
      typeof incidentCreated
    >;
    await deliver((ctx) => handlers.incidentOpened(created, ctx));
    await deliver((ctx) => handlers.incidentOpened(created, ctx));
    expect((await candidates(later.id)).map((c) => c.changeNumber)).toEqual([change.data.number]);
    expect(await linkedEvents(later.id)).toHaveLength(1);

    const moved = await open(undefined, new Date(windowEnd + HOUR));
    await api.dataSource.query('UPDATE incidents SET configuration_item_id = $2 WHERE id = $1', [
      moved.id,
      other,
    ]);
    const updated = {
      data: {
        id: moved.id,
        changes: [{ field: 'configurationItemId', oldValue: null, newValue: other }],
      },
    } as EventOf<typeof incidentUpdated>;
    await deliver((ctx) => handlers.incidentChanged(updated, ctx));
    expect((await candidates(moved.id)).map((c) => c.changeNumber)).toEqual([change.data.number]);

    const tooLate = await open(other, new Date(windowEnd + 25 * HOUR));
    await deliver((ctx) =>
      handlers.incidentOpened(
        { data: { id: tooLate.id, configurationItemId: other } } as EventOf<typeof incidentCreated>,
        ctx,
      ),
    );
    expect(await candidates(tooLate.id)).toEqual([]);
  });

  it('links an incident committed while the change is being announced: the second side waits for the first', async () => {
    const shared = randomUUID();
    const change = closed('unsuccessful', [shared]);
    let commitAnnouncement!: () => void;
    const held = new Promise<void>((resolve) => (commitAnnouncement = resolve));
    let announced!: () => void;
    const announcedUncommitted = new Promise<void>((resolve) => (announced = resolve));
    const announcing = deliver(async (ctx) => {
      await handlers.changeClosed(change, ctx);
      announced();
      await held;
    });
    await announcedUncommitted;
    // Committed after the announcement's select, before its commit: the window where both missed it.
    const incident = await open(shared, new Date(windowStart + HOUR / 2));
    let linkingEnded = false;
    const linking = deliver((ctx) =>
      handlers.incidentOpened(
        { data: { id: incident.id, configurationItemId: shared } } as EventOf<
          typeof incidentCreated
        >,
        ctx,
      ),
    ).finally(() => (linkingEnded = true));
    while (!linkingEnded && !(await waitingOnAdvisoryLock())) await sleep(20);
    const waited = !linkingEnded;
    commitAnnouncement();
    await Promise.all([announcing, linking]);
    expect((await candidates(incident.id)).map((c) => c.changeNumber)).toEqual([
      change.data.number,
    ]);
    expect(await linkedEvents(incident.id)).toHaveLength(1);
    expect(waited).toBe(true);
  });

  it('links every incident on its CIs in the same few statements, however many there are', async () => {
    const busy = randomUUID();
    const incidents = [];
    for (let i = 0; i < 8; i++) incidents.push(await open(busy, new Date(windowEnd + i * HOUR)));
    const change = closed('unsuccessful', [busy]);
    let statements = 0;
    await deliver((ctx) => {
      const manager = new Proxy(ctx.manager, {
        get: (target, key, receiver) =>
          key === 'query'
            ? (...args: Parameters<typeof target.query>) => {
                statements++;
                return target.query(...args);
              }
            : Reflect.get(target, key, receiver),
      });
      return handlers.changeClosed(change, { ...ctx, manager });
    });
    for (const incident of incidents) {
      expect(await candidates(incident.id)).toHaveLength(1);
      expect(await linkedEvents(incident.id)).toHaveLength(1);
    }
    // The turn on the CI, the change, the links, their history lines, their events.
    expect(statements).toBe(5);
  });

  it('links nothing for a change that went well', async () => {
    const quiet = randomUUID();
    const incident = await open(quiet, new Date(windowStart + HOUR / 2));
    await deliver((ctx) => handlers.changeClosed(closed('successful_with_issues', [quiet]), ctx));
    expect(await candidates(incident.id)).toEqual([]);
  });
});
