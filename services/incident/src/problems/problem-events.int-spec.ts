import { randomUUID } from 'node:crypto';
import type {
  knownErrorPublished,
  problemIncidentLinked,
  problemIncidentUnlinked,
  problemStateChanged,
} from '@itsm/contracts';
import type { EventContext, EventOf } from '@itsm/messaging';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../incident.definition';
import { ProblemEventsController } from './problem-events.controller';

jest.setTimeout(120_000);

/**
 * Problem management's events as the incident service applies them (each handler in its own
 * transaction, as the consumer runs it): links made on the problem side, workarounds noted once,
 * and the fix that resumes the incidents waiting for it (flow 4).
 */
describe('problem events applied to incidents, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  let handlers: ProblemEventsController;

  const deliver = (handle: (ctx: EventContext) => Promise<void>) =>
    api.dataSource.transaction((manager) =>
      handle({ manager, subscription: 'problem', attempt: 1 }),
    );
  const problem = () => ({ id: randomUUID(), number: 'PRB0000042' });
  const raise = async () => {
    const response = await api.call('POST', '/api/v1/incidents', {
      as: 'sam',
      payload: { shortDescription: 'Checkout times out', assignmentGroup: 'service-desk' },
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; number: string; version: number };
  };
  const read = async (id: string) =>
    (await api.call('GET', `/api/v1/incidents/${id}`, { as: 'sam' })).json() as {
      id: string;
      version: number;
      state: string;
      problemId: string | null;
      onHoldReason: string | null;
    };
  const move = async (id: string, payload: object) => {
    const { version } = await read(id);
    const response = await api.call('POST', `/api/v1/incidents/${id}/transitions`, {
      as: 'sam',
      payload,
      headers: { 'if-match': `W/"${version}"` },
    });
    expect(response.statusCode).toBe(200);
  };
  const workNotes = async (id: string) =>
    (
      (await api.call('GET', `/api/v1/incidents/${id}/notes`, { as: 'sam' })).json()
        .items as Array<{
        body: string;
        author: string;
      }>
    ).filter((note) => note.author === 'system:problem-management');
  const linkEvent = (p: { id: string; number: string }, incidentId: string) =>
    ({
      data: {
        ...p,
        incidentId,
        detected: true,
        linkedBy: 'system:proactive-detection',
        linkedAt: new Date().toISOString(),
      },
    }) as EventOf<typeof problemIncidentLinked>;
  const link = (p: { id: string; number: string }, incidentId: string) =>
    deliver((ctx) => handlers.linked(linkEvent(p, incidentId), ctx));
  const unlink = (p: { id: string; number: string }, incidentId: string) =>
    deliver((ctx) =>
      handlers.unlinked(
        {
          data: { ...p, incidentId, unlinkedBy: 'paul', unlinkedAt: new Date().toISOString() },
        } as EventOf<typeof problemIncidentUnlinked>,
        ctx,
      ),
    );
  const publish = (p: { id: string; number: string }, workaround: string) =>
    deliver((ctx) =>
      handlers.knownError(
        {
          data: {
            ...p,
            version: 3,
            shortDescription: 'Checkout timeouts',
            cause: 'The pool leaks connections',
            workaround,
            republished: false,
            publishedBy: 'paul',
            publishedAt: new Date().toISOString(),
          },
        } as EventOf<typeof knownErrorPublished>,
        ctx,
      ),
    );
  const resolve = (p: { id: string; number: string }, reason: string) =>
    deliver((ctx) =>
      handlers.stateChanged(
        {
          data: {
            ...p,
            version: 5,
            fromState: 'fix_in_progress',
            toState: 'resolved',
            reason,
            changedBy: 'paul',
            changedAt: new Date().toISOString(),
          },
        } as EventOf<typeof problemStateChanged>,
        ctx,
      ),
    );

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    handlers = api.app.get(ProblemEventsController);
  });
  afterAll(() => api.close());

  it('records a link made on the problem side, announces it, and an unlink from that problem only', async () => {
    const prb = problem();
    const incident = await raise();
    await link(prb, incident.id);
    await link(prb, incident.id);
    const linked = await read(incident.id);
    expect(linked.problemId).toBe(prb.id);
    expect(linked.version).toBe(incident.version + 1);
    const [updated] = (await api.dataSource.query(
      `SELECT payload FROM outbox WHERE aggregate_id = $1 AND event_type = 'itsm.incident.incident.updated.v1'`,
      [incident.id],
    )) as Array<{ payload: { changedBy: string; changes: Array<{ field: string }> } }>;
    expect(updated!.payload).toMatchObject({
      changedBy: 'system:proactive-detection',
      changes: [{ field: 'problemId', newValue: prb.id }],
    });
    await unlink(problem(), incident.id);
    expect((await read(incident.id)).problemId).toBe(prb.id);
    await unlink(prb, incident.id);
    expect((await read(incident.id)).problemId).toBeNull();
    // An incident this service does not have (yet) is nothing to record.
    await link(prb, randomUUID());
  });

  it('notes a workaround on each open incident of the problem once, and a changed one again', async () => {
    const prb = problem();
    const [open, waiting, canceled, other] = await Promise.all([
      raise(),
      raise(),
      raise(),
      raise(),
    ]);
    for (const incident of [open, waiting, canceled]) await link(prb, incident.id);
    await move(waiting.id, { to: 'on_hold', onHoldReason: 'awaiting_problem' });
    await move(canceled.id, { to: 'canceled', reason: 'Raised twice' });
    await publish(prb, 'Restart the pool');
    await publish(prb, 'Restart the pool');
    expect(await workNotes(open.id)).toEqual([
      expect.objectContaining({
        body: 'Known error PRB0000042: Checkout timeouts\nCause: The pool leaks connections\nWorkaround: Restart the pool',
      }),
    ]);
    expect(await workNotes(waiting.id)).toHaveLength(1);
    expect(await workNotes(canceled.id)).toEqual([]);
    expect(await workNotes(other.id)).toEqual([]);
    await publish(prb, 'Restart the pool, then clear the cache');
    expect((await workNotes(open.id)).map((note) => note.body.split('\n')[2])).toEqual([
      'Workaround: Restart the pool',
      'Workaround: Restart the pool, then clear the cache',
    ]);
  });

  it('resumes the incidents On Hold awaiting the problem when it is resolved with its fix applied', async () => {
    const prb = problem();
    const [waiting, vendor, working] = await Promise.all([raise(), raise(), raise()]);
    for (const incident of [waiting, vendor, working]) await link(prb, incident.id);
    await move(waiting.id, { to: 'on_hold', onHoldReason: 'awaiting_problem' });
    await move(vendor.id, { to: 'on_hold', onHoldReason: 'awaiting_vendor' });
    await move(working.id, { to: 'in_progress' });
    await resolve(prb, 'risk_accepted');
    expect((await read(waiting.id)).state).toBe('on_hold');

    await resolve(prb, 'fix_applied');
    expect(await read(waiting.id)).toMatchObject({ state: 'in_progress', onHoldReason: null });
    expect((await workNotes(waiting.id)).map((note) => note.body)).toEqual([
      expect.stringMatching(/^Problem PRB0000042 was resolved with its fix applied/),
    ]);
    expect((await read(vendor.id)).state).toBe('on_hold');
    expect(await workNotes(working.id)).toEqual([]);
    const [moved] = (await api.dataSource.query(
      `SELECT payload FROM outbox WHERE aggregate_id = $1
          AND event_type = 'itsm.incident.incident.state_changed.v1' ORDER BY sequence DESC LIMIT 1`,
      [waiting.id],
    )) as Array<{ payload: object }>;
    expect(moved!.payload).toMatchObject({
      fromState: 'on_hold',
      toState: 'in_progress',
      reason: 'problem PRB0000042 fixed',
      changedBy: 'system:problem-management',
    });
  });
});
