import { randomUUID } from 'node:crypto';
import type { ciCreated, ciDeleted, ciUpdated } from '@itsm/contracts';
import type { EventContext, EventOf } from '@itsm/messaging';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../change.definition';
import { CmdbNamesController } from './cmdb-names.controller';

jest.setTimeout(120_000);

const HOUR = 3600 * 1000;

/**
 * The deployment gate through the API, against real PostgreSQL: CIs named as the CMDB knows them
 * (its events as the consumer applies them), an emergency change taken to Implement, and the
 * outcome a pipeline reports.
 */
describe('the deployment gate, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  let cmdb: CmdbNamesController;
  const db = randomUUID();
  const app = randomUUID();
  const now = Date.now();

  const deliver = (handle: (ctx: EventContext) => Promise<void>) =>
    api.dataSource.transaction((manager) =>
      handle({ manager, subscription: 'gate-cis', attempt: 1 }),
    );
  const ciCreatedEvent = (id: string, name: string, serialNumber: string) =>
    ({
      data: { id, name, identifiers: { serialNumber } },
    }) as EventOf<typeof ciCreated>;
  const gate = (cis: string[], at?: Date, as = 'chloe') =>
    api.call('POST', '/api/v1/deployment-gate', {
      as,
      payload: { cis, ...(at && { at: at.toISOString() }) },
    });
  const move = async (change: { id: string; version: number }, to: string, as = 'dan') =>
    (
      await api.call('POST', `/api/v1/changes/${change.id}/transitions`, {
        as,
        payload: { to, version: change.version },
      })
    ).json();
  const reasons = (response: { json(): { reasons: Array<{ code: string }> } }) =>
    response.json().reasons.map((reason) => reason.code);

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    cmdb = api.app.get(CmdbNamesController);
    await deliver((ctx) => cmdb.created(ciCreatedEvent(db, 'DB-Checkout-01', 'SN-1'), ctx));
    await deliver((ctx) => cmdb.created(ciCreatedEvent(app, 'checkout-app', 'SN-2'), ctx));
  });
  afterAll(() => api.close());

  it('answers 200 naming the change only inside the window of the implementing change', async () => {
    let change = (
      await api.call('POST', '/api/v1/changes', {
        as: 'dan',
        payload: {
          type: 'emergency',
          shortDescription: 'Hotfix checkout',
          assignmentGroup: 'database',
          justification: 'Orders fail',
          implementationPlan: 'Deploy 2.14.1',
          backoutPlan: 'Deploy 2.14.0',
          testPlan: 'Smoke tests',
          plannedStart: new Date(now - HOUR).toISOString(),
          plannedEnd: new Date(now + HOUR).toISOString(),
          affectedCiIds: [db, app],
        },
      })
    ).json();
    const early = await gate(['db-checkout-01']);
    expect(early.statusCode).toBe(409);
    expect(early.headers['content-type']).toContain('application/problem+json');
    expect(early.json()).toMatchObject({
      allowed: false,
      type: expect.stringContaining('deployment-refused'),
    });
    expect(reasons(early)).toEqual(['not_implementing', 'not_authorised']);

    change = await move(change, 'authorize');
    const vote = await api.call('POST', `/api/v1/changes/${change.id}/approvals`, {
      as: 'cora',
      payload: { decision: 'approved', comment: 'Go' },
    });
    expect(vote.statusCode).toBe(201);
    change = (await api.call('GET', `/api/v1/changes/${change.id}`, { as: 'dan' })).json();
    change = await move(change, 'scheduled');
    change = await move(change, 'implement');
    expect(change).toMatchObject({ state: 'implement' });

    // By name (any case), by serial number and by id: the same two CIs.
    const allowed = await gate(['DB-CHECKOUT-01', 'SN-2']);
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json()).toMatchObject({
      allowed: true,
      change: { id: change.id, number: change.number },
      ciIds: [db, app],
    });
    expect((await gate([db])).statusCode).toBe(200);

    const late = await gate([db], new Date(now + 2 * HOUR));
    expect(reasons(late)).toEqual(['outside_window']);
    const unknown = await gate(['db-checkout-01', 'ghost-01', randomUUID()]);
    expect(reasons(unknown)).toEqual(['unknown_ci']);
    expect(unknown.json().reasons[0]).toMatchObject({ ci: 'ghost-01' });
  });

  it('follows the CMDB: a renamed CI answers to its new name, a deleted one to none', async () => {
    const ci = randomUUID();
    await deliver((ctx) => cmdb.created(ciCreatedEvent(ci, 'old-name', 'SN-3'), ctx));
    await deliver((ctx) =>
      cmdb.updated(
        {
          data: {
            id: ci,
            version: 2,
            changes: [{ field: 'name', oldValue: 'old-name', newValue: 'new-name' }],
          },
        } as EventOf<typeof ciUpdated>,
        ctx,
      ),
    );
    expect(reasons(await gate(['old-name']))).toEqual(['unknown_ci']);
    expect(reasons(await gate(['new-name']))).toEqual(['no_change']);
    await deliver((ctx) => cmdb.deleted({ data: { id: ci } } as EventOf<typeof ciDeleted>, ctx));
    expect(reasons(await gate(['SN-3']))).toEqual(['unknown_ci']);
  });

  it('refuses a name two CIs carry, asking for the id', async () => {
    await deliver((ctx) => cmdb.created(ciCreatedEvent(randomUUID(), 'twin', 'SN-4'), ctx));
    await deliver((ctx) => cmdb.created(ciCreatedEvent(randomUUID(), 'Twin', 'SN-5'), ctx));
    expect(reasons(await gate(['twin']))).toEqual(['ambiguous_ci']);
  });

  it("records a deployment's outcome on the change: a row, a history line and an event", async () => {
    const [change] = (await api.dataSource.query(
      `SELECT id, number FROM changes WHERE state = 'implement' AND $1 = ANY(affected_ci_ids)`,
      [db],
    )) as Array<{ id: string; number: string }>;
    const reported = await api.call('POST', `/api/v1/changes/${change!.id}/deployments`, {
      as: 'chloe',
      payload: {
        outcome: 'failed',
        pipeline: 'checkout/deploy',
        url: 'https://ci/1',
        version: '2.14.1',
      },
    });
    expect(reported.statusCode).toBe(201);
    expect(reported.json()).toMatchObject({
      changeNumber: change!.number,
      outcome: 'failed',
      ciIds: [db, app],
      reportedBy: 'chloe',
    });
    const history = (
      await api.call('GET', `/api/v1/changes/${change!.id}/history`, { as: 'dan' })
    ).json().items;
    expect(history.at(-1)).toMatchObject({
      field: 'deployments',
      newValue: { outcome: 'failed', version: '2.14.1' },
      changedBy: 'chloe',
    });
    const [event] = (await api.dataSource.query(
      `SELECT payload FROM outbox WHERE aggregate_id = $1 AND event_type LIKE '%deployment_recorded%'`,
      [change!.id],
    )) as Array<{ payload: { outcome: string; pipeline: string } }>;
    expect(event!.payload).toMatchObject({ outcome: 'failed', pipeline: 'checkout/deploy' });

    const foreign = await api.call('POST', `/api/v1/changes/${change!.id}/deployments`, {
      as: 'chloe',
      payload: { outcome: 'succeeded', ciIds: [randomUUID()] },
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0].field).toBe('ciIds');
  });

  it('refuses a deployment report on a change that is not being implemented', async () => {
    const change = (
      await api.call('POST', '/api/v1/changes', {
        as: 'chloe',
        payload: { type: 'normal', shortDescription: 'Not yet' },
      })
    ).json();
    const early = await api.call('POST', `/api/v1/changes/${change.id}/deployments`, {
      as: 'chloe',
      payload: { outcome: 'succeeded' },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ currentState: 'new' });
  });
});
