import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../catalog.definition';

jest.setTimeout(120_000);

const vm = {
  name: 'New VM',
  shortDescription: 'A virtual machine',
  variables: [
    { name: 'cpu', label: 'vCPUs', type: 'number', required: true, min: 1, max: 16 },
    { name: 'environment', label: 'Env', type: 'choice', required: true, choices: ['dev', 'prod'] },
    { name: 'public', label: 'Public IP', type: 'boolean', default: false },
    {
      name: 'why',
      label: 'Why public',
      type: 'text',
      required: true,
      showWhen: { variable: 'public', equals: true },
    },
  ],
  plan: [
    { stage: 1, shortDescription: 'Create the VM', assignmentGroup: 'network' },
    { stage: 2, shortDescription: 'Open the firewall', assignmentGroup: 'network' },
    { stage: 2, shortDescription: 'Create the database', assignmentGroup: 'database' },
  ],
  approval: { kind: 'none' },
};
const mouse = {
  name: 'Mouse',
  shortDescription: 'A mouse',
  variables: [],
  plan: [{ stage: 1, shortDescription: 'Hand it over', assignmentGroup: 'service-desk' }],
  approval: { kind: 'none' },
};

interface Task {
  id: string;
  version: number;
  shortDescription: string;
  state: string;
}

/** Ordering from the catalog and fulfilling the requests, stage by stage. */
describe('requests and their fulfilment, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  const items: Record<string, { id: string; version: number }> = {};

  const publish = async (payload: object) => {
    const created = (
      await api.call('POST', '/api/v1/catalog-items', { as: 'kate', payload })
    ).json();
    return (
      await api.call('POST', `/api/v1/catalog-items/${created.id}/publish`, {
        as: 'kate',
        headers: { 'if-match': `W/"${created.version}"` },
      })
    ).json();
  };
  const submit = (as: string, cart: object[], headers: Record<string, string> = {}) =>
    api.call('POST', '/api/v1/requests', { as, payload: { items: cart }, headers });
  const move = (task: Task, to: string, as: string) =>
    api.call('POST', `/api/v1/catalog-tasks/${task.id}/transitions`, {
      as,
      payload: { to, version: task.version },
    });
  /** The outbox as `<entity>.<verb> <number> [<to state>]`, in order. */
  const outbox = async () =>
    (
      (await api.dataSource.query(
        'SELECT event_type, payload FROM outbox ORDER BY sequence',
      )) as Array<{ event_type: string; payload: { number: string; toState?: string } }>
    ).map(({ event_type: type, payload }) =>
      [type.replace(/^itsm\.catalog\.|\.v1$/g, ''), payload.number, payload.toState ?? '']
        .join(' ')
        .trim(),
    );

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    items.vm = await publish(vm);
    items.mouse = await publish(mouse);
  });
  afterAll(() => api.close());

  it('fulfils a cart stage by stage, and closes the request when all its items are fulfilled', async () => {
    const submitted = await submit('alice', [
      { catalogItemId: items.vm!.id, variables: { cpu: 4, environment: 'prod' } },
      { catalogItemId: items.mouse!.id, quantity: 2 },
    ]);
    expect(submitted.statusCode).toBe(201);
    let request = submitted.json();
    expect(request).toMatchObject({
      number: expect.stringMatching(/^REQ\d{7}$/),
      state: 'in_process',
      requestedBy: 'alice',
      items: [
        {
          number: expect.stringMatching(/^RITM\d{7}$/),
          catalogItemName: 'New VM',
          catalogItemVersion: 1,
          variables: { cpu: 4, environment: 'prod', public: false },
          state: 'in_fulfilment',
          tasks: [{ stage: 1, shortDescription: 'Create the VM', state: 'open' }],
        },
        { catalogItemName: 'Mouse', quantity: 2, state: 'in_fulfilment' },
      ],
    });
    const [vmItem, mouseItem] = request.items;

    // Nina (network) sees the first VM task, Dan (database) does not; nor does the requester.
    expect(
      (await api.call('GET', `/api/v1/catalog-tasks/${vmItem.tasks[0].id}`, { as: 'dan' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await api.call('GET', `/api/v1/catalog-tasks/${vmItem.tasks[0].id}`, { as: 'alice' }))
        .statusCode,
    ).toBe(403);
    let task = (await move(vmItem.tasks[0], 'in_progress', 'nina')).json();
    expect(task).toMatchObject({ state: 'in_progress', requestedItem: { variables: { cpu: 4 } } });
    expect((await move(task, 'done', 'dan')).statusCode).toBe(404);
    task = (await move(task, 'done', 'nina')).json();
    expect(task.state).toBe('done');

    request = (await api.call('GET', `/api/v1/requests/${request.id}`, { as: 'alice' })).json();
    const stage2: Task[] = request.items[0].tasks.filter((t: { stage: number }) => t.stage === 2);
    expect(stage2.map((t) => t.shortDescription)).toEqual([
      'Open the firewall',
      'Create the database',
    ]);
    const danTasks = (
      await api.call('GET', '/api/v1/catalog-tasks?state=open', { as: 'dan' })
    ).json();
    expect(danTasks.items.map((t: Task) => t.shortDescription)).toEqual(['Create the database']);

    expect((await move(stage2[0]!, 'done', 'nina')).statusCode).toBe(200);
    request = (await api.call('GET', `/api/v1/requests/${request.id}`, { as: 'alice' })).json();
    expect(request.items[0].state).toBe('in_fulfilment');
    expect((await move(stage2[1]!, 'done', 'dan')).statusCode).toBe(200);
    expect((await move(mouseItem.tasks[0], 'done', 'sam')).statusCode).toBe(200);

    request = (await api.call('GET', `/api/v1/requests/${request.id}`, { as: 'alice' })).json();
    expect(request.state).toBe('closed_complete');
    expect(request.items.map((i: { state: string }) => i.state)).toEqual([
      'fulfilled',
      'fulfilled',
    ]);
    expect(request.closedAt).not.toBeNull();
    const again = await move({ ...stage2[1]!, version: 2 }, 'done', 'dan');
    expect(again.statusCode).toBe(409);

    const events = (await outbox()).filter(
      (e) => e.includes(vmItem.number) || e.includes(request.number),
    );
    expect(events).toEqual([
      `request.created ${request.number}`,
      `requested_item.created ${vmItem.number}`,
      `requested_item.state_changed ${vmItem.number} approved`,
      `requested_item.state_changed ${vmItem.number} in_fulfilment`,
      `request.state_changed ${request.number} in_process`,
      `requested_item.state_changed ${vmItem.number} fulfilled`,
      `request.state_changed ${request.number} closed_complete`,
    ]);
  });

  it('names every wrong variable of every line with its allowed values, and writes nothing', async () => {
    const before = await outbox();
    const refused = await submit('bob', [
      {
        catalogItemId: items.vm!.id,
        variables: { cpu: 64, environment: 'qa', why: 'x', colour: 1 },
      },
      { catalogItemId: items.mouse!.id, variables: { size: 'L' } },
    ]);
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().errors).toEqual([
      { field: 'items.0.variables.cpu', message: 'cpu must be a number of 1 to 16' },
      {
        field: 'items.0.variables.environment',
        message: 'environment must be one of: dev, prod',
        allowed: ['dev', 'prod'],
      },
      { field: 'items.0.variables.why', message: 'why is asked only when public is true' },
      {
        field: 'items.0.variables.colour',
        message: 'the form has no variable colour',
        allowed: ['cpu', 'environment', 'public', 'why'],
      },
      expect.objectContaining({ field: 'items.1.variables.size', allowed: [] }),
    ]);
    expect(await outbox()).toEqual(before);
    const mine = (await api.call('GET', '/api/v1/requests', { as: 'bob' })).json();
    expect(mine.items).toEqual([]);
  });

  it('refuses more answers than a form has variables with one error, as its document says', async () => {
    // Each unknown answer was an error of its own, listing the form's variables: a body of many
    // thousands of keys made a many times larger answer.
    const variables = Object.fromEntries(
      Array.from({ length: 101 }, (_, i) => [`unknown_${i}`, 'x']),
    );
    const refused = await submit('bob', [{ catalogItemId: items.vm!.id, variables }]);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      expect.objectContaining({ field: 'items.0.variables' }),
    ]);
    const { components } = (await api.call('GET', '/api/v1/openapi.json')).json();
    expect(components.schemas.CartLine.properties.variables.maxProperties).toBe(100);
  });

  it('stops checking an answer against a pattern that backtracks catastrophically, and orders nothing', async () => {
    const badge = await publish({
      ...mouse,
      name: 'Badge',
      variables: [{ name: 'code', label: 'Code', type: 'text', required: true, pattern: '(a+)+b' }],
    });
    const before = await api.dataSource.query('SELECT count(*)::int AS n FROM requests');
    const started = Date.now();
    const refused = await submit('bob', [
      { catalogItemId: badge.id, variables: { code: `${'a'.repeat(40)}!` } },
    ]);
    // Unchecked, this answer holds the service's thread for minutes.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      {
        field: 'items.0.variables.code',
        message: expect.stringContaining('ask the catalog manager to simplify the pattern'),
      },
    ]);
    expect(await api.dataSource.query('SELECT count(*)::int AS n FROM requests')).toEqual(before);
    const accepted = await submit('bob', [{ catalogItemId: badge.id, variables: { code: 'aab' } }]);
    expect(accepted.statusCode).toBe(201);
    // The budget is the whole request's: a cart of twenty such lines does not take twenty times it.
    const cart = Array.from({ length: 20 }, () => ({
      catalogItemId: badge.id,
      variables: { code: `${'a'.repeat(40)}!` },
    }));
    const cartStarted = Date.now();
    const cartRefused = await submit('bob', cart);
    expect(cartRefused.statusCode).toBe(400);
    expect(cartRefused.json().errors).toHaveLength(20);
    expect(Date.now() - cartStarted).toBeLessThan(20 * 50);
  });

  it('refuses a retired item and one the caller may not order', async () => {
    const retired = await publish({ ...mouse, name: 'Old mouse' });
    await api.call('POST', `/api/v1/catalog-items/${retired.id}/retire`, {
      as: 'kate',
      headers: { 'if-match': `W/"${retired.version}"` },
    });
    const refusedRetired = await submit('alice', [{ catalogItemId: retired.id }]);
    expect(refusedRetired.statusCode).toBe(409);
    expect(refusedRetired.json().errors[0].field).toBe('items.0.catalogItemId');
    const networkOnly = await publish({ ...mouse, name: 'Patch cable', orderableBy: ['network'] });
    const forbidden = await submit('alice', [{ catalogItemId: networkOnly.id }]);
    expect(forbidden.statusCode).toBe(400);
    expect(forbidden.json().errors).toEqual([
      { field: 'items.0.catalogItemId', message: 'no catalog item you may order' },
    ]);
    expect((await submit('nina', [{ catalogItemId: networkOnly.id }])).statusCode).toBe(201);
  });

  it('keeps a requester to their own requests, and cancels what is still open', async () => {
    const request = (
      await submit('alice', [
        { catalogItemId: items.vm!.id, variables: { cpu: 1, environment: 'dev' } },
      ])
    ).json();
    const url = `/api/v1/requests/${request.id}`;
    expect((await api.call('GET', url, { as: 'bob' })).statusCode).toBe(404);
    expect((await api.call('GET', url, { as: 'kate' })).statusCode).toBe(200);
    const bobs = await api.call('POST', `${url}/cancel`, {
      as: 'bob',
      payload: { version: request.version },
    });
    expect(bobs.statusCode).toBe(404);
    const cancelled = await api.call('POST', `${url}/cancel`, {
      as: 'alice',
      payload: { version: request.version },
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({
      state: 'closed_cancelled',
      items: [{ state: 'cancelled', tasks: [{ state: 'cancelled' }] }],
    });
    const twice = await api.call('POST', `${url}/cancel`, {
      as: 'alice',
      payload: { version: cancelled.json().version },
    });
    expect(twice.statusCode).toBe(409);
  });

  it('holds an item with an approval rule pending approval', async () => {
    const approved = await publish({
      ...mouse,
      name: 'Screen',
      approval: { kind: 'group', group: 'cab', quorum: 2 },
    });
    const request = (await submit('bob', [{ catalogItemId: approved.id }])).json();
    expect(request).toMatchObject({
      state: 'requested',
      items: [{ state: 'pending_approval', tasks: [] }],
    });
  });

  it('returns the first request for a retry with the same Idempotency-Key', async () => {
    const cart = [{ catalogItemId: items.mouse!.id }];
    const headers = { 'idempotency-key': 'order-mouse-1' };
    const first = await submit('bob', cart, headers);
    const retry = await submit('bob', cart, headers);
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(first.json().id);
  });
});
