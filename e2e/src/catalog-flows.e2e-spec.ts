import { E2eRun, tokenFor, waitUntil } from '@itsm/testing';
import {
  publishedChangeTemplate,
  publishedRecord,
  runningServices,
} from './support/running-services';

jest.setTimeout(240_000);

interface RequestedItem {
  id: string;
  number: string;
  state: string;
  tasks: Array<{ id: string; version: number }>;
  provisioning: {
    status: string;
    ci: { status: string; ciId: string | null; ciName: string | null; reason: string | null };
    change: {
      status: string;
      changeId: string | null;
      changeNumber: string | null;
      reason: string | null;
    } | null;
  } | null;
}

/**
 * Flow 7 of ARCHITECTURE.md across the running catalog, configuration and change services, on the
 * real broker: a fulfilled requested item that provisions gets its CI from the CMDB and its
 * standard change from the change service, records both and is fulfilled; one the CMDB refuses
 * needs attention, with the CMDB's reason; one cancelled then has its CI retired and its standard
 * change canceled.
 */
describe('catalog provisioning through the CMDB and the change service on the real stack', () => {
  const e2e = new E2eRun('catalog-flows');
  const { id: run } = e2e;
  const api = runningServices(e2e, ['configuration', 'change', 'catalog']);
  const itemOf = async (requestId: string): Promise<RequestedItem> =>
    (await api('catalog', 'GET', `/api/v1/requests/${requestId}`, await tokenFor('alice'))).body
      .items[0];

  /** A published catalog item with this provisioning rule: one task, no approval. */
  const publishItem = (name: string, provisioning: object) =>
    publishedRecord(api, 'catalog', '/api/v1/catalog-items', 'kate', {
      name: `${name} ${run}`,
      shortDescription: 'A virtual machine',
      variables: [
        { name: 'hostname', label: 'Host name', type: 'text', required: true },
        { name: 'cpu', label: 'vCPUs', type: 'number', required: true, min: 1, max: 16 },
      ],
      plan: [{ stage: 1, shortDescription: 'Create the VM', assignmentGroup: 'network' }],
      approval: { kind: 'none' },
      provisioning,
    });
  /** Alice orders it, Nina does its task: the plan is done. */
  const orderAndWork = async (catalogItemId: string, hostname: string) => {
    const ordered = await api('catalog', 'POST', '/api/v1/requests', await tokenFor('alice'), {
      items: [{ catalogItemId, variables: { hostname, cpu: 4 } }],
    });
    expect(ordered.status).toBe(201);
    const task = (ordered.body.items[0] as RequestedItem).tasks[0]!;
    const done = await api(
      'catalog',
      'POST',
      `/api/v1/catalog-tasks/${task.id}/transitions`,
      await tokenFor('nina'),
      { to: 'done', version: task.version },
    );
    expect(done.status).toBe(200);
    return ordered.body.id as string;
  };

  it('creates the CI and the standard change of a fulfilled item, and fulfils it once both are recorded', async () => {
    const chloe = await tokenFor('chloe');
    const templateId = await publishedChangeTemplate(api, {
      name: `Provision a VM ${run}`,
      shortDescription: 'Provision a VM',
      justification: 'Ordered from the catalog',
      implementationPlan: 'terraform apply',
      backoutPlan: 'terraform destroy',
      testPlan: 'ssh in',
      assignmentGroup: 'network',
    });

    const itemId = await publishItem('New VM', {
      ci: {
        className: 'linux_server',
        nameTemplate: `vm-{hostname}-${run}`,
        attributes: { cpuCount: 'cpu' },
      },
      change: { templateId },
    });
    const requestId = await orderAndWork(itemId, 'web7');

    await waitUntil(
      'the CMDB and the change service answered and the item was fulfilled',
      async () => (await itemOf(requestId)).state === 'fulfilled',
      90_000,
    );
    const item = await itemOf(requestId);
    expect(item.provisioning).toMatchObject({
      status: 'delivered',
      ci: { status: 'created', ciName: `vm-web7-${run}` },
      change: { status: 'created', changeNumber: expect.stringMatching(/^CHG\d{7}$/) },
    });
    const ci = await api(
      'configuration',
      'GET',
      `/api/v1/cis/${item.provisioning!.ci.ciId}`,
      await tokenFor('conor'),
    );
    expect(ci.body).toMatchObject({
      name: `vm-web7-${run}`,
      className: 'linux_server',
      attributes: { cpuCount: 4 },
    });
    const change = await api(
      'change',
      'GET',
      `/api/v1/changes/${item.provisioning!.change!.changeId}`,
      chloe,
    );
    expect(change.body).toMatchObject({
      number: item.provisioning!.change!.changeNumber,
      type: 'standard',
      templateId,
      shortDescription: `New VM ${run} for ${item.number}`,
    });
    const request = (
      await api('catalog', 'GET', `/api/v1/requests/${requestId}`, await tokenFor('alice'))
    ).body;
    expect(request.state).toBe('closed_complete');
  });

  it('leaves an item the CMDB refuses in fulfilment, needing attention, with the reason', async () => {
    const itemId = await publishItem('Mainframe', {
      ci: { className: `no_such_class_${run}`, nameTemplate: 'mf-{hostname}', attributes: {} },
    });
    const requestId = await orderAndWork(itemId, 'big1');
    await waitUntil(
      'the CMDB refused the CI',
      async () => (await itemOf(requestId)).provisioning?.status === 'needs_attention',
      90_000,
    );
    const item = await itemOf(requestId);
    expect(item.state).toBe('in_fulfilment');
    expect(item.provisioning!.ci.reason).toMatch(/className must name a CI class/);
  });

  it('retires the CI and cancels the standard change of an item cancelled while it needs attention', async () => {
    const templateId = await publishedChangeTemplate(api, {
      name: `Provision a disk ${run}`,
      shortDescription: 'Provision a disk',
      justification: 'Ordered from the catalog',
      implementationPlan: 'terraform apply',
      backoutPlan: 'terraform destroy',
      testPlan: 'df -h',
      assignmentGroup: 'network',
    });
    const unpublished = '00000000-0000-4000-8000-00000000e2e7';
    // The CMDB creates the CI, the change service refuses: the CI is to be retired.
    const ciOnly = await orderAndWork(
      await publishItem('Half VM', {
        ci: { className: 'linux_server', nameTemplate: `half-{hostname}-${run}`, attributes: {} },
        change: { templateId: unpublished },
      }),
      'h1',
    );
    // The CMDB refuses, the change service raises the change: the change is to be canceled.
    const changeOnly = await orderAndWork(
      await publishItem('Half disk', {
        ci: { className: `no_such_class_${run}`, nameTemplate: 'd-{hostname}', attributes: {} },
        change: { templateId },
      }),
      'd1',
    );
    for (const requestId of [ciOnly, changeOnly]) {
      await waitUntil(
        'both services answered',
        async () => {
          const { provisioning } = await itemOf(requestId);
          return (
            provisioning?.status === 'needs_attention' &&
            provisioning.ci.status !== 'pending' &&
            provisioning.change?.status === (requestId === ciOnly ? 'refused' : 'created')
          );
        },
        90_000,
      );
      const alice = await tokenFor('alice');
      const { version } = (await api('catalog', 'GET', `/api/v1/requests/${requestId}`, alice))
        .body;
      const cancelled = await api(
        'catalog',
        'POST',
        `/api/v1/requests/${requestId}/cancel`,
        alice,
        {
          version,
        },
      );
      expect(cancelled.status).toBe(200);
    }
    const ciId = (await itemOf(ciOnly)).provisioning!.ci.ciId!;
    await waitUntil(
      'the CMDB retired the CI',
      async () =>
        (await api('configuration', 'GET', `/api/v1/cis/${ciId}`, await tokenFor('conor'))).body
          .operationalStatus === 'retired',
      90_000,
    );
    const changeId = (await itemOf(changeOnly)).provisioning!.change!.changeId!;
    await waitUntil(
      'the change service canceled the change',
      async () =>
        (await api('change', 'GET', `/api/v1/changes/${changeId}`, await tokenFor('chloe'))).body
          .state === 'canceled',
      90_000,
    );
  });
});
