import { randomUUID } from 'node:crypto';
import {
  changeProvisioningAnswered,
  ciProvisioningAnswered,
  type EventData,
} from '@itsm/contracts';
import { EventDelivery, startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../catalog.definition';
import { ProvisioningAnswersController } from './provisioning-answers.controller';

jest.setTimeout(120_000);

const TEMPLATE_ID = '5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
const vm = (name: string, provisioning: object) => ({
  name,
  shortDescription: 'A virtual machine',
  variables: [
    { name: 'hostname', label: 'Host name', type: 'text', required: true },
    { name: 'cpu', label: 'vCPUs', type: 'number', required: true, min: 1, max: 16 },
    { name: 'owner', label: 'Owner', type: 'text' },
  ],
  plan: [{ stage: 1, shortDescription: 'Create the VM', assignmentGroup: 'network' }],
  approval: { kind: 'none' },
  provisioning,
});
const both = {
  ci: {
    className: 'linux_server',
    nameTemplate: 'vm-{hostname}',
    attributes: { cpu_count: 'cpu', owner: 'owner' },
  },
  change: { templateId: TEMPLATE_ID },
};

type CiAnswer = EventData<typeof ciProvisioningAnswered>;
type ChangeAnswer = EventData<typeof changeProvisioningAnswered>;

/**
 * Flow 7 as the catalog runs it: an item that provisions asks the CMDB and the change service when
 * its plan is done, and is fulfilled once both answered with what they created; a refusal leaves
 * it needing attention; an answer delivered twice is recorded once.
 */
describe('provisioning a CI and a standard change from a requested item, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  let answers: ProvisioningAnswersController;
  let delivery: EventDelivery;

  const ciAnswer = (data: CiAnswer, id?: string) =>
    delivery.deliver(ciProvisioningAnswered, data, (e, ctx) => answers.ci(e, ctx), id);
  const changeAnswer = (data: ChangeAnswer, id?: string) =>
    delivery.deliver(changeProvisioningAnswered, data, (e, ctx) => answers.change(e, ctx), id);

  const publish = async (payload: object) => {
    const created = await api.call('POST', '/api/v1/catalog-items', { as: 'kate', payload });
    expect(created.statusCode).toBe(201);
    return (
      await api.call('POST', `/api/v1/catalog-items/${created.json().id}/publish`, {
        as: 'kate',
        headers: { 'if-match': `W/"${created.json().version}"` },
      })
    ).json() as { id: string };
  };
  /** Orders the item and does its one task: the plan is done. */
  const orderAndWork = async (itemId: string, variables: object) => {
    const request = (
      await api.call('POST', '/api/v1/requests', {
        as: 'alice',
        payload: { items: [{ catalogItemId: itemId, variables }] },
      })
    ).json();
    const task = request.items[0].tasks[0];
    const done = await api.call('POST', `/api/v1/catalog-tasks/${task.id}/transitions`, {
      as: 'nina',
      payload: { to: 'done', version: task.version },
    });
    expect(done.statusCode).toBe(200);
    return request as { id: string; items: Array<{ id: string; number: string }> };
  };
  const requestOf = async (id: string) =>
    (await api.call('GET', `/api/v1/requests/${id}`, { as: 'alice' })).json();
  const events = async (requestId: string, verb: string) =>
    (
      (await api.dataSource.query(
        `SELECT payload FROM outbox WHERE aggregate_id = $1 AND event_type = $2 ORDER BY sequence`,
        [requestId, `itsm.catalog.requested_item.${verb}.v1`],
      )) as Array<{ payload: Record<string, unknown> }>
    ).map((row) => row.payload);

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    answers = api.app.get(ProvisioningAnswersController);
    delivery = new EventDelivery(api.dataSource, 'catalog', 'provisioning');
  });
  afterAll(() => api.close());

  it('refuses a provisioning rule naming variables the form lacks, naming each, writing nothing', async () => {
    const payload = vm('Broken VM', {
      ci: { className: 'linux_server', nameTemplate: 'vm-{host}', attributes: { ram: 'memory' } },
    });
    const refused = await api.call('POST', '/api/v1/catalog-items', { as: 'kate', payload });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'provisioning.ci.nameTemplate',
      'provisioning.ci.attributes.ram',
    ]);
    const listed = (await api.call('GET', '/api/v1/catalog-items?q=Broken', { as: 'kate' })).json();
    expect(listed.items).toEqual([]);
  });

  it('documents the bounds of the attribute mapping its validator enforces', async () => {
    const { components } = (await api.call('GET', '/api/v1/openapi.json')).json();
    const name = { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_]{0,63}$' };
    expect(components.schemas.CiProvisioningDto.properties.attributes).toMatchObject({
      type: 'object',
      maxProperties: 100,
      propertyNames: name,
      additionalProperties: name,
    });
    const tooMany = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`a${i}`, 'cpu']));
    for (const attributes of [tooMany, { 'cpu count': 'cpu' }, { cpu_count: 'c p u' }]) {
      const refused = await api.call('POST', '/api/v1/catalog-items', {
        as: 'kate',
        payload: vm('Odd VM', { ci: { ...both.ci, attributes } }),
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors[0].field).toBe('provisioning.ci.attributes');
    }
  });

  it('asks for the CI and the change when the plan is done, and is fulfilled when both are created', async () => {
    const item = await publish(vm('Provisioned VM', both));
    const request = await orderAndWork(item.id, { hostname: 'web7', cpu: 4 });
    const ritm = request.items[0]!;

    let view = await requestOf(request.id);
    expect(view.items[0]).toMatchObject({
      state: 'in_fulfilment',
      provisioning: {
        status: 'waiting',
        ci: { status: 'pending' },
        change: { status: 'pending' },
      },
    });
    expect(await events(request.id, 'provisioning_requested')).toEqual([
      expect.objectContaining({
        id: ritm.id,
        number: ritm.number,
        ci: { className: 'linux_server', name: 'vm-web7', attributes: { cpu_count: 4 } },
        change: { templateId: TEMPLATE_ID, shortDescription: `Provisioned VM for ${ritm.number}` },
      }),
    ]);

    const [{ last: auditedBefore }] = await api.dataSource.query(
      'SELECT coalesce(max(id), 0) AS last FROM audit_trail',
    );
    const ciId = randomUUID();
    await ciAnswer({
      requestedItemId: ritm.id,
      requestId: request.id,
      outcome: 'created',
      ciId,
      ciName: 'vm-web7',
      className: 'linux_server',
      answeredAt: new Date().toISOString(),
    });
    expect((await requestOf(request.id)).items[0]).toMatchObject({
      state: 'in_fulfilment',
      provisioning: { status: 'waiting', ci: { status: 'created', ciId, ciName: 'vm-web7' } },
    });

    const changeId = randomUUID();
    await changeAnswer({
      requestedItemId: ritm.id,
      requestId: request.id,
      outcome: 'created',
      changeId,
      changeNumber: 'CHG0000042',
      templateId: TEMPLATE_ID,
      answeredAt: new Date().toISOString(),
    });
    view = await requestOf(request.id);
    expect(view).toMatchObject({ state: 'closed_complete' });
    expect(view.items[0]).toMatchObject({
      state: 'fulfilled',
      provisioning: {
        status: 'delivered',
        change: { status: 'created', changeId, changeNumber: 'CHG0000042' },
      },
    });
    expect(
      (await events(request.id, 'provisioning_recorded')).map((e) => [e.part, e.outcome]),
    ).toEqual([
      ['ci', 'created'],
      ['change', 'created'],
    ]);
    const actors = await api.dataSource.query(
      `SELECT DISTINCT actor FROM audit_trail WHERE id > $1 AND entity_id = ANY($2)`,
      [auditedBefore, [ritm.id, request.id]],
    );
    expect(actors).toEqual([{ actor: 'system:provisioning' }]);
  });

  it('records an answer delivered twice once, whether redelivered or sent again', async () => {
    const item = await publish(vm('CI only VM', { ci: both.ci }));
    const request = await orderAndWork(item.id, { hostname: 'db1', cpu: 2, owner: 'dba' });
    const ritm = request.items[0]!;
    const answer: CiAnswer = {
      requestedItemId: ritm.id,
      requestId: request.id,
      outcome: 'created',
      ciId: randomUUID(),
      ciName: 'vm-db1',
      className: 'linux_server',
      answeredAt: new Date().toISOString(),
    };
    const eventId = randomUUID();
    await ciAnswer(answer, eventId);
    await ciAnswer(answer, eventId);
    await ciAnswer({ ...answer, ciId: randomUUID() });

    const view = await requestOf(request.id);
    expect(view.items[0]).toMatchObject({
      state: 'fulfilled',
      provisioning: { status: 'delivered', ci: { ciId: answer.ciId } },
    });
    expect(await events(request.id, 'provisioning_recorded')).toHaveLength(1);
    expect(
      (await events(request.id, 'state_changed')).filter((e) => e.toState === 'fulfilled'),
    ).toHaveLength(1);
  });

  it('needs attention when the change service refuses, naming the refusal, and stays in fulfilment', async () => {
    const item = await publish(vm('Refused VM', both));
    const request = await orderAndWork(item.id, { hostname: 'app3', cpu: 1 });
    const ritm = request.items[0]!;
    await changeAnswer({
      requestedItemId: ritm.id,
      requestId: request.id,
      outcome: 'refused',
      templateId: TEMPLATE_ID,
      reason: `Change template ${TEMPLATE_ID} has no published version`,
      answeredAt: new Date().toISOString(),
    });
    await ciAnswer({
      requestedItemId: ritm.id,
      requestId: request.id,
      outcome: 'created',
      ciId: randomUUID(),
      ciName: 'vm-app3',
      className: 'linux_server',
      answeredAt: new Date().toISOString(),
    });
    const view = await requestOf(request.id);
    expect(view).toMatchObject({ state: 'in_process' });
    expect(view.items[0]).toMatchObject({
      state: 'in_fulfilment',
      provisioning: {
        status: 'needs_attention',
        ci: { status: 'created' },
        change: { status: 'refused', reason: expect.stringMatching(/no published version/) },
      },
    });
    expect(await events(request.id, 'provisioning_recorded')).toEqual([
      expect.objectContaining({ part: 'change', outcome: 'refused', needsAttention: true }),
      expect.objectContaining({ part: 'ci', outcome: 'created', needsAttention: true }),
    ]);
  });

  it('withdraws the provisioning of an item cancelled after it was asked for, and of no other', async () => {
    const item = await publish(vm('Withdrawn VM', both));
    const request = await orderAndWork(item.id, { hostname: 'app4', cpu: 1 });
    const ritm = request.items[0]!;
    await changeAnswer({
      requestedItemId: ritm.id,
      requestId: request.id,
      outcome: 'refused',
      templateId: TEMPLATE_ID,
      reason: 'no published version',
      answeredAt: new Date().toISOString(),
    });
    const cancelled = await api.call('POST', `/api/v1/requests/${request.id}/cancel`, {
      as: 'kate',
      payload: { version: (await requestOf(request.id)).version },
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().items[0].state).toBe('cancelled');
    expect(await events(request.id, 'provisioning_withdrawn')).toEqual([
      {
        id: ritm.id,
        number: ritm.number,
        requestId: request.id,
        ci: true,
        change: true,
        withdrawnBy: 'kate',
        withdrawnAt: expect.any(String),
      },
    ]);
    // An item cancelled before its plan was done asked nobody: there is nothing to withdraw.
    const early = (
      await api.call('POST', '/api/v1/requests', {
        as: 'alice',
        payload: { items: [{ catalogItemId: item.id, variables: { hostname: 'app5', cpu: 1 } }] },
      })
    ).json();
    await api.call('POST', `/api/v1/requests/${early.id}/cancel`, {
      as: 'alice',
      payload: { version: early.version },
    });
    expect(await events(early.id, 'provisioning_withdrawn')).toEqual([]);
  });

  it('fulfils an item that provisions nothing as before, without asking anyone', async () => {
    const item = await publish({ ...vm('Plain VM', both), provisioning: undefined });
    const request = await orderAndWork(item.id, { hostname: 'x', cpu: 1 });
    expect((await requestOf(request.id)).items[0]).toMatchObject({
      state: 'fulfilled',
      provisioning: null,
    });
    expect(await events(request.id, 'provisioning_requested')).toEqual([]);
  });
});
