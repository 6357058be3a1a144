import { randomUUID } from 'node:crypto';
import type { changeClosed } from '@itsm/contracts';
import type { EventContext, EventOf } from '@itsm/messaging';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../configuration.definition';
import { ChangeHistoryController } from './change-history.controller';

jest.setTimeout(120_000);

/** Flow 6 as the CMDB applies it: a closed change in the history of each CI it names. */
describe('closed changes in the history of their CIs, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  let handler: ChangeHistoryController;

  const deliver = (event: EventOf<typeof changeClosed>) =>
    api.dataSource.transaction((manager) =>
      handler.closed(event, {
        manager,
        subscription: 'change-history',
        attempt: 1,
      } as EventContext),
    );
  const closed = (affectedCiIds: string[]) =>
    ({
      data: {
        id: randomUUID(),
        number: 'CHG0000042',
        type: 'normal',
        closeCode: 'unsuccessful',
        closeNotes: 'Backed out',
        affectedCiIds,
        plannedStart: '2026-12-05T22:00:00.000Z',
        plannedEnd: '2026-12-05T23:00:00.000Z',
        actualStart: '2026-12-05T22:05:00.000Z',
        actualEnd: '2026-12-05T22:50:00.000Z',
        closedBy: 'chloe',
        closedAt: '2026-12-06T08:00:00.000Z',
      },
    }) as EventOf<typeof changeClosed>;
  const historyOf = async (ciId: string) =>
    (await api.call('GET', `/api/v1/cis/${ciId}/history?limit=100`, { as: 'sam' })).json()
      .items as Array<{ field: string; newValue: Record<string, unknown>; changedBy: string }>;

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    handler = api.app.get(ChangeHistoryController);
  });
  afterAll(() => api.close());

  it('writes the change, its close code and window in the history of each known CI, once', async () => {
    const ci = (
      await api.call('POST', '/api/v1/cis', {
        as: 'conor',
        payload: {
          className: 'database',
          name: `db-${randomUUID()}`,
          criticality: 2,
          attributes: { engine: 'postgresql' },
        },
      })
    ).json();
    const unknown = randomUUID();
    const event = closed([ci.id, unknown]);
    await deliver(event);
    await deliver(event);
    const lines = (await historyOf(ci.id)).filter((line) => line.field === 'changes');
    expect(lines).toEqual([
      expect.objectContaining({
        changedBy: 'chloe',
        newValue: {
          changeId: event.data.id,
          number: 'CHG0000042',
          type: 'normal',
          closeCode: 'unsuccessful',
          plannedStart: '2026-12-05T22:00:00.000Z',
          plannedEnd: '2026-12-05T23:00:00.000Z',
          actualStart: '2026-12-05T22:05:00.000Z',
          actualEnd: '2026-12-05T22:50:00.000Z',
          closedAt: '2026-12-06T08:00:00.000Z',
        },
      }),
    ]);
    const [{ count }] = (await api.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_trail WHERE entity_id = $1`,
      [unknown],
    )) as Array<{ count: number }>;
    expect(count).toBe(0);
  });
});
