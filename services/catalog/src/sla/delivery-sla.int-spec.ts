import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../catalog.definition';

jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const HOUR = 3600_000;

const item = (name: string, extra: object = {}) => ({
  name,
  shortDescription: name,
  variables: [],
  plan: [{ stage: 1, shortDescription: 'Hand it over', assignmentGroup: 'service-desk' }],
  approval: { kind: 'none' },
  deliveryTargetHours: 1,
  ...extra,
});

interface ItemView {
  id: string;
  number: string;
  state: string;
  openedAt: string;
  tasks: Array<{ id: string; version: number }>;
  deliverySla: Record<string, unknown> | null;
}

/**
 * A requested item's delivery SLA on the SLA engine the incident service uses: counted from the
 * submission, paused while the item waits for approval, achieved when fulfilled, its warnings and
 * breach announced by the timer once, at the moment each was reached.
 */
describe('delivery SLAs of requested items, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  const interval = process.env.CATALOG_TIMER_INTERVAL_MS;
  const items: Record<string, string> = {};

  const publish = async (payload: object) => {
    const created = (
      await api.call('POST', '/api/v1/catalog-items', { as: 'kate', payload })
    ).json();
    await api.call('POST', `/api/v1/catalog-items/${created.id}/publish`, {
      as: 'kate',
      headers: { 'if-match': `W/"${created.version}"` },
    });
    return created.id as string;
  };
  const order = async (catalogItemId: string) => {
    const submitted = await api.call('POST', '/api/v1/requests', {
      as: 'alice',
      payload: { items: [{ catalogItemId }] },
    });
    expect(submitted.statusCode).toBe(201);
    return submitted.json() as { id: string; version: number; items: ItemView[] };
  };

  const itemOf = async (requestId: string): Promise<ItemView> =>
    (await api.call('GET', `/api/v1/requests/${requestId}`, { as: 'alice' })).json().items[0];
  const alerts = async (itemId: string) =>
    (
      (await api.dataSource.query(
        `SELECT event_type, payload FROM outbox
          WHERE event_type LIKE 'itsm.catalog.sla.%' AND payload->>'recordId' = $1 ORDER BY sequence`,
        [itemId],
      )) as Array<{ event_type: string; payload: Record<string, string | number> }>
    ).map((row): Record<string, string | number | undefined> => ({
      type: row.event_type.split('.')[3],
      ...row.payload,
    }));
  /** Moves the item's history back by `ms`, as if it had been submitted that long ago, and wakes its timer. */
  const age = (itemId: string, ms: number) =>
    api.dataSource.query(
      `UPDATE requested_item_slas
          SET next_alert_at = now(), updated_at = updated_at - $2::int * interval '1 millisecond',
              timeline = (
                SELECT jsonb_agg(jsonb_set(p, '{at}', to_jsonb(to_char(
                  ((p->>'at')::timestamptz - $2::int * interval '1 millisecond') AT TIME ZONE 'UTC',
                  'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))))
                  FROM jsonb_array_elements(timeline) p)
        WHERE requested_item_id = $1`,
      [itemId, ms],
    );

  beforeAll(async () => {
    process.env.CATALOG_TIMER_INTERVAL_MS = '200';
    api = await startServiceUnderTest(definition);
    items.laptop = await publish(item('Laptop'));
    items.approved = await publish(
      item('Server', { approval: { kind: 'group', group: 'cab', quorum: 1 } }),
    );
    items.untimed = await publish(item('Mouse', { deliveryTargetHours: undefined }));
  });
  afterAll(async () => {
    await api.close();
    if (interval === undefined) delete process.env.CATALOG_TIMER_INTERVAL_MS;
    else process.env.CATALOG_TIMER_INTERVAL_MS = interval;
  });

  it("counts from the submission against the item's target, and is achieved when fulfilled", async () => {
    const request = await order(items.laptop!);
    const ritm = request.items[0]!;
    expect(ritm.deliverySla).toMatchObject({
      name: 'Laptop delivery (1 hours)',
      target: 'delivery',
      stage: 'in_progress',
      targetSeconds: 3600,
      dueAt: new Date(Date.parse(ritm.openedAt) + HOUR).toISOString(),
    });
    const task = ritm.tasks[0]!;
    const done = await api.call('POST', `/api/v1/catalog-tasks/${task.id}/transitions`, {
      as: 'sam',
      payload: { to: 'done', version: task.version },
    });
    expect(done.statusCode).toBe(200);
    expect((await itemOf(request.id)).deliverySla).toMatchObject({
      stage: 'achieved',
      dueAt: null,
      endedAt: expect.any(String),
    });
  });

  it('warns at 50 % and 75 % and announces the breach, each once, at the moment reached', async () => {
    const request = await order(items.laptop!);
    const ritm = request.items[0]!;
    await age(ritm.id, 50 * 60_000);
    await sleep(1_000);
    expect((await alerts(ritm.id)).map((a) => [a.type, a.percentElapsed])).toEqual([
      ['warning', 50],
      ['warning', 75],
    ]);
    await age(ritm.id, 15 * 60_000);
    await sleep(1_000);
    const sent = await alerts(ritm.id);
    expect(sent.map((a) => a.type)).toEqual(['warning', 'warning', 'breached']);
    // Each at its moment in the history as it stood when it was sent.
    const opened = Date.parse(ritm.openedAt);
    expect(sent.map((a) => Date.parse(String(a.at ?? a.breachedAt)) - opened)).toEqual([
      (30 - 50) * 60_000,
      (45 - 50) * 60_000,
      (60 - 65) * 60_000,
    ]);
    expect(sent[2]).toMatchObject({
      recordType: 'requested_item',
      recordNumber: ritm.number,
      requestId: request.id,
      target: 'delivery',
      definitionName: 'Laptop delivery (1 hours)',
    });
    expect((await itemOf(request.id)).deliverySla).toMatchObject({ stage: 'breached' });
  });

  it('pauses while the item waits for its approval, and is cancelled with it', async () => {
    const request = await order(items.approved!);
    expect(request.items[0]).toMatchObject({
      state: 'pending_approval',
      deliverySla: { stage: 'paused', dueAt: null, elapsedSeconds: 0 },
    });
    const cancelled = await api.call('POST', `/api/v1/requests/${request.id}/cancel`, {
      as: 'alice',
      payload: { version: request.version },
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().items[0].deliverySla).toMatchObject({ stage: 'cancelled' });
  });

  it('runs no clock for an item without a delivery target', async () => {
    const request = await order(items.untimed!);
    expect(request.items[0]!.deliverySla).toBeNull();
  });
});
