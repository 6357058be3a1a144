import { randomUUID } from 'node:crypto';
import {
  requestedItemProvisioningRequested,
  requestedItemProvisioningWithdrawn,
  type EventData,
} from '@itsm/contracts';
import {
  EventDelivery,
  startServiceUnderTest,
  withdrawalOf,
  type ServiceUnderTest,
} from '@itsm/testing';
import { definition } from '../change.definition';
import { ProvisioningRequestsController } from './provisioning-requests.controller';

jest.setTimeout(120_000);

type Requested = EventData<typeof requestedItemProvisioningRequested>;

/**
 * Flow 7 as the change service runs it: a requested item that needs a standard change gets one
 * from the published version of its template, or a refusal saying why; delivered twice, one change.
 */
describe('standard changes raised for the catalog, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  let handler: ProvisioningRequestsController;
  let events: EventDelivery;

  const deliver = (data: Requested, id?: string) =>
    events.deliver(
      requestedItemProvisioningRequested,
      data,
      (e, ctx) => handler.requested(e, ctx),
      id,
    );
  /** The catalog's withdrawal of `request`'s item: its request was cancelled. */
  const withdraw = (request: Requested, id?: string) =>
    events.deliver(
      requestedItemProvisioningWithdrawn,
      withdrawalOf(request),
      (e, ctx) => handler.withdrawn(e, ctx),
      id,
    );
  const asked = (templateId: string): Requested => ({
    id: randomUUID(),
    number: 'RITM0000007',
    requestId: randomUUID(),
    catalogItemName: 'New VM',
    requestedFor: 'alice',
    change: { templateId, shortDescription: 'New VM for RITM0000007' },
    requestedAt: new Date().toISOString(),
  });
  const answers = async (requestedItemId: string) =>
    (
      (await api.dataSource.query(
        `SELECT payload FROM outbox WHERE event_type = 'itsm.change.change.provisioning_answered.v1'
          AND payload->>'requestedItemId' = $1 ORDER BY sequence`,
        [requestedItemId],
      )) as Array<{ payload: Record<string, unknown> }>
    ).map((row) => row.payload);
  const template = async (publish: boolean) => {
    const created = (
      await api.call('POST', '/api/v1/change-templates', {
        as: 'chloe',
        payload: {
          name: `Provision a VM ${randomUUID()}`,
          shortDescription: 'Provision a VM',
          justification: 'Ordered from the catalog',
          implementationPlan: 'terraform apply',
          backoutPlan: 'terraform destroy',
          testPlan: 'ssh in',
          assignmentGroup: 'network',
        },
      })
    ).json();
    if (!publish) return created.id as string;
    const published = await api.call('POST', `/api/v1/change-templates/${created.id}/publish`, {
      as: 'chloe',
      headers: { 'if-match': `W/"${created.version}"` },
    });
    expect(published.statusCode).toBe(200);
    return created.id as string;
  };

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    handler = api.app.get(ProvisioningRequestsController);
    events = new EventDelivery(api.dataSource, 'change', 'catalog-provisioning');
  });
  afterAll(() => api.close());

  it('raises the standard change from the published template and answers with its number', async () => {
    const templateId = await template(true);
    const request = asked(templateId);
    await deliver(request);
    const [answer] = await answers(request.id);
    expect(answer).toMatchObject({
      requestId: request.requestId,
      outcome: 'created',
      templateId,
      changeNumber: expect.stringMatching(/^CHG\d{7}$/),
    });
    const change = (
      await api.call('GET', `/api/v1/changes/${String(answer!.changeId)}`, { as: 'chloe' })
    ).json();
    expect(change).toMatchObject({
      number: answer!.changeNumber,
      type: 'standard',
      state: 'new',
      shortDescription: 'New VM for RITM0000007',
      implementationPlan: 'terraform apply',
      requestedBy: 'alice',
      templateId,
      templateVersion: 1,
    });
    expect(
      await api.dataSource.query(
        `SELECT DISTINCT actor FROM audit_trail WHERE entity_type = 'change' AND entity_id = $1`,
        [answer!.changeId],
      ),
    ).toEqual([{ actor: 'system:catalog-provisioning' }]);
  });

  it('raises the change for an item whose name makes the summary longer than a change holds', async () => {
    const request = asked(await template(true));
    const name = 'n'.repeat(160);
    await deliver({
      ...request,
      catalogItemName: name,
      change: { ...request.change!, shortDescription: `${name} for RITM0000007` },
    });
    const [answer] = await answers(request.id);
    expect(answer).toMatchObject({ outcome: 'created' });
    const change = (
      await api.call('GET', `/api/v1/changes/${String(answer!.changeId)}`, { as: 'chloe' })
    ).json();
    expect(change.shortDescription).toBe(`${'n'.repeat(159)}…`);
  });

  it('refuses a template that does not exist or has no published version, saying which', async () => {
    const missing = asked(randomUUID());
    const unpublished = asked(await template(false));
    await deliver(missing);
    await deliver(unpublished);
    expect(await answers(missing.id)).toEqual([
      expect.objectContaining({
        outcome: 'refused',
        reason: expect.stringMatching(/^No change template/),
      }),
    ]);
    expect(await answers(unpublished.id)).toEqual([
      expect.objectContaining({
        outcome: 'refused',
        reason: expect.stringMatching(/has no published version/),
      }),
    ]);
  });

  it('raises one change for a request delivered twice', async () => {
    const templateId = await template(true);
    const request = asked(templateId);
    const eventId = randomUUID();
    await deliver(request, eventId);
    await deliver(request, eventId);
    expect(await answers(request.id)).toHaveLength(1);
    const [{ count }] = (await api.dataSource.query(
      `SELECT count(*)::int AS count FROM changes WHERE template_id = $1`,
      [templateId],
    )) as Array<{ count: number }>;
    expect(count).toBe(1);
  });

  it('cancels the standard change of a requested item withdrawn, once, unless it is being implemented', async () => {
    const templateId = await template(true);
    const request = asked(templateId);
    await deliver(request);
    const changeId = String((await answers(request.id))[0]!.changeId);
    await withdraw(request);
    await withdraw(request);
    const change = (await api.call('GET', `/api/v1/changes/${changeId}`, { as: 'chloe' })).json();
    expect(change).toMatchObject({
      state: 'canceled',
      cancelReason: 'RITM0000007 was cancelled in the catalog',
    });
    const moves = (await api.dataSource.query(
      `SELECT payload FROM outbox WHERE aggregate_id = $1
          AND event_type = 'itsm.change.change.state_changed.v1'`,
      [changeId],
    )) as Array<{ payload: { toState: string; changedBy: string } }>;
    expect(moves.map((m) => [m.payload.toState, m.payload.changedBy])).toEqual([
      ['canceled', 'system:catalog-provisioning'],
    ]);

    const implementing = asked(templateId);
    await deliver(implementing);
    const busyId = String((await answers(implementing.id))[0]!.changeId);
    await api.dataSource.query(`UPDATE changes SET state = 'implement' WHERE id = $1`, [busyId]);
    await withdraw(implementing);
    const busy = (await api.call('GET', `/api/v1/changes/${busyId}`, { as: 'chloe' })).json();
    expect(busy.state).toBe('implement');
  });

  it('raises no change for an item withdrawn before its request is handled (replayed from the dead letters)', async () => {
    const request = asked(await template(true));
    await withdraw(request);
    await deliver(request);
    expect(await answers(request.id)).toEqual([
      expect.objectContaining({
        outcome: 'refused',
        reason: expect.stringMatching(/: its standard change is withdrawn$/),
      }),
    ]);
    const [{ n }] = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM provisioned_changes WHERE requested_item_id = $1
          AND change_id IS NOT NULL`,
      [request.id],
    );
    expect(n).toBe(0);
  });
});
