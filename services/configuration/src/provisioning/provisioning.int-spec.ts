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
import { definition } from '../configuration.definition';
import { ProvisioningRequestsController } from './provisioning-requests.controller';

jest.setTimeout(120_000);

type Requested = EventData<typeof requestedItemProvisioningRequested>;

/**
 * Flow 7 as the CMDB runs it: a requested item that provisions a CI gets it, checked as through
 * the API, or a refusal naming each wrong field; a request delivered twice creates one CI.
 */
describe('CIs provisioned for the catalog, against real PostgreSQL', () => {
  let cmdb: ServiceUnderTest;
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
  const asked = (ci: Requested['ci'], change?: Requested['change']): Requested => ({
    id: randomUUID(),
    number: 'RITM0000001',
    requestId: randomUUID(),
    catalogItemName: 'New VM',
    requestedFor: 'alice',
    ...(ci && { ci }),
    ...(change && { change }),
    requestedAt: new Date().toISOString(),
  });
  const answers = async (requestedItemId: string) =>
    (
      (await cmdb.dataSource.query(
        `SELECT payload FROM outbox WHERE event_type = 'itsm.configuration.ci.provisioning_answered.v1'
          AND payload->>'requestedItemId' = $1 ORDER BY sequence`,
        [requestedItemId],
      )) as Array<{ payload: Record<string, unknown> }>
    ).map((row) => row.payload);
  const cisNamed = async (name: string) =>
    (await cmdb.dataSource.query(
      `SELECT id, attributes, created_by FROM configuration_items WHERE name = $1`,
      [name],
    )) as Array<{ id: string; attributes: object; created_by: string }>;

  beforeAll(async () => {
    cmdb = await startServiceUnderTest(definition);
    handler = cmdb.app.get(ProvisioningRequestsController);
    events = new EventDelivery(cmdb.dataSource, 'configuration', 'catalog-provisioning');
  });
  afterAll(() => cmdb.close());

  it('creates the CI with its mapped attributes and answers with it', async () => {
    const request = asked({
      className: 'linux_server',
      name: 'vm-web7',
      attributes: { cpuCount: 4, distribution: 'debian' },
    });
    await deliver(request);
    const [ci] = await cisNamed('vm-web7');
    expect(ci).toMatchObject({
      attributes: { cpuCount: 4, distribution: 'debian' },
      created_by: 'system:catalog-provisioning',
    });
    const actors = (await cmdb.dataSource.query(
      `SELECT DISTINCT actor FROM audit_trail WHERE entity_id = $1`,
      [ci!.id],
    )) as Array<{ actor: string }>;
    expect(actors).toEqual([{ actor: 'system:catalog-provisioning' }]);
    expect(await answers(request.id)).toEqual([
      expect.objectContaining({
        requestId: request.requestId,
        outcome: 'created',
        ciId: ci!.id,
        ciName: 'vm-web7',
        className: 'linux_server',
      }),
    ]);
    const created = await cmdb.call('GET', `/api/v1/cis/${ci!.id}`, { as: 'alice' });
    expect(created.json()).toMatchObject({ name: 'vm-web7', className: 'linux_server' });
  });

  it('refuses a class it does not have and attributes its schema refuses, naming each, writing no CI', async () => {
    const unknownClass = asked({ className: 'mainframe', name: 'mf-1', attributes: {} });
    const badAttributes = asked({
      className: 'linux_server',
      name: 'vm-bad',
      attributes: { cpuCount: 'four', colour: 'red' },
    });
    await deliver(unknownClass);
    await deliver(badAttributes);
    expect(await answers(unknownClass.id)).toEqual([
      expect.objectContaining({
        outcome: 'refused',
        reason: expect.stringMatching(/^className: className must name a CI class/),
      }),
    ]);
    const [refused] = await answers(badAttributes.id);
    expect(refused).toMatchObject({ outcome: 'refused', ciName: 'vm-bad' });
    expect(refused!.reason).toMatch(/cpuCount/);
    expect(refused!.reason).toMatch(/colour/);
    expect(refused!.ciId).toBeUndefined();
    expect(await cisNamed('mf-1')).toEqual([]);
    expect(await cisNamed('vm-bad')).toEqual([]);
  });

  it('refuses a name filled in longer than a CI name may be, instead of failing at the database', async () => {
    const longName = `vm-${'x'.repeat(253)}`;
    const request = asked({ className: 'linux_server', name: longName, attributes: {} });
    await deliver(request);
    expect(await answers(request.id)).toEqual([
      expect.objectContaining({
        outcome: 'refused',
        ciName: longName,
        reason: 'name: name must be at most 255 characters',
      }),
    ]);
    expect(await cisNamed(longName)).toEqual([]);
  });

  it('creates one CI for a request delivered twice, and leaves a change-only request alone', async () => {
    const request = asked({ className: 'linux_server', name: 'vm-twice', attributes: {} });
    const eventId = randomUUID();
    await deliver(request, eventId);
    await deliver(request, eventId);
    expect(await cisNamed('vm-twice')).toHaveLength(1);
    expect(await answers(request.id)).toHaveLength(1);

    const changeOnly = asked(undefined, {
      templateId: randomUUID(),
      shortDescription: 'New VM for RITM0000001',
    });
    await deliver(changeOnly);
    expect(await answers(changeOnly.id)).toEqual([]);
  });

  it('retires the CI of a requested item withdrawn (its request cancelled), once, and no other CI', async () => {
    const request = asked({ className: 'linux_server', name: 'vm-withdrawn', attributes: {} });
    const other = asked({ className: 'linux_server', name: 'vm-kept', attributes: {} });
    await deliver(request);
    await deliver(other);
    const [ci] = await cisNamed('vm-withdrawn');
    const withdrawal = randomUUID();
    await withdraw(request, withdrawal);
    await withdraw(request, withdrawal);
    await withdraw(request);
    const [retired] = (await cmdb.dataSource.query(
      `SELECT operational_status, retired_at FROM configuration_items WHERE id = $1`,
      [ci!.id],
    )) as Array<{ operational_status: string; retired_at: Date | null }>;
    expect(retired).toMatchObject({ operational_status: 'retired', retired_at: expect.any(Date) });
    const retirements = (await cmdb.dataSource.query(
      `SELECT payload FROM outbox WHERE event_type = 'itsm.configuration.ci.retired.v1'
        AND aggregate_id = $1`,
      [ci!.id],
    )) as Array<{ payload: { retiredBy?: string; actor?: string } }>;
    expect(retirements).toHaveLength(1);
    const [kept] = (await cmdb.dataSource.query(
      `SELECT operational_status FROM configuration_items WHERE name = 'vm-kept'`,
    )) as Array<{ operational_status: string }>;
    expect(kept!.operational_status).not.toBe('retired');
    // A refused request created nothing: its withdrawal retires nothing.
    const refused = asked({ className: 'no_such_class', name: 'vm-never', attributes: {} });
    await deliver(refused);
    await expect(withdraw(refused)).resolves.toBeUndefined();
  });

  it('makes no CI for an item withdrawn before its request is handled (replayed from the dead letters)', async () => {
    const request = asked({ className: 'linux_server', name: 'vm-too-late', attributes: {} });
    await withdraw(request);
    await deliver(request);
    expect(await cisNamed('vm-too-late')).toEqual([]);
    expect(await answers(request.id)).toEqual([
      expect.objectContaining({
        outcome: 'refused',
        reason: expect.stringMatching(
          /^The requested item was cancelled at .*: its CI is withdrawn$/,
        ),
      }),
    ]);
  });
});
