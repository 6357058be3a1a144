import { randomUUID } from 'node:crypto';
import type { incidentChangeCandidateLinked } from '@itsm/contracts';
import type { EventContext, EventOf } from '@itsm/messaging';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../change.definition';
import { CausedIncidentsController } from './caused-incidents.controller';

jest.setTimeout(120_000);

/** Flow 6 on the change's side: the incident service's links, listed on the change. */
describe('incidents caused by a change, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  let handler: CausedIncidentsController;

  const deliver = (event: EventOf<typeof incidentChangeCandidateLinked>) =>
    api.dataSource.transaction((manager) =>
      handler.linked(event, {
        manager,
        subscription: 'caused-incidents',
        attempt: 1,
      } as EventContext),
    );
  const linked = (changeId: string, number: string, openedAt: string) =>
    ({
      data: {
        id: randomUUID(),
        number,
        changeId,
        changeNumber: 'CHG0000001',
        configurationItemId: randomUUID(),
        openedAt,
        shortDescription: `Trouble ${number}`,
        linkedAt: new Date().toISOString(),
      },
    }) as EventOf<typeof incidentChangeCandidateLinked>;

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    handler = api.app.get(CausedIncidentsController);
  });
  afterAll(() => api.close());

  it('lists the linked incidents on the change, oldest first, each once', async () => {
    const change = (
      await api.call('POST', '/api/v1/changes', {
        as: 'nina',
        payload: {
          type: 'normal',
          shortDescription: 'Upgrade',
          assignmentGroup: 'network',
          requestedBy: 'alice',
        },
      })
    ).json();
    const later = linked(change.id, 'INC0000002', '2026-12-06T01:00:00.000Z');
    const earlier = linked(change.id, 'INC0000001', '2026-12-05T23:00:00.000Z');
    await deliver(later);
    await deliver(earlier);
    await deliver(later);
    const list = await api.call('GET', `/api/v1/changes/${change.id}/caused-incidents`, {
      as: 'carl',
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      {
        incidentId: earlier.data.id,
        incidentNumber: 'INC0000001',
        configurationItemId: earlier.data.configurationItemId,
        shortDescription: 'Trouble INC0000001',
        openedAt: '2026-12-05T23:00:00.000Z',
        linkedAt: earlier.data.linkedAt,
      },
      expect.objectContaining({ incidentNumber: 'INC0000002' }),
    ]);
    expect(list.json().nextCursor).toBeNull();
    // Other people's incidents are not a requester's (access.int-spec.ts: not even on a change
    // they requested).
    const bob = await api.call('GET', `/api/v1/changes/${change.id}/caused-incidents`, {
      as: 'bob',
    });
    expect(bob.statusCode).toBe(403);
  });

  it('pages through many, in opening order, each once (a cursor not its own is a 400)', async () => {
    const change = (
      await api.call('POST', '/api/v1/changes', {
        as: 'nina',
        payload: {
          type: 'normal',
          shortDescription: 'Core switch upgrade',
          assignmentGroup: 'network',
          requestedBy: 'alice',
        },
      })
    ).json();
    // Two incidents opened in the same instant: the number orders them.
    const numbers = ['INC0000013', 'INC0000011', 'INC0000012', 'INC0000014', 'INC0000010'];
    for (const [i, number] of numbers.entries()) {
      await deliver(linked(change.id, number, `2026-12-06T0${Math.min(i, 3)}:00:00.000Z`));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await api.call(
        'GET',
        `/api/v1/changes/${change.id}/caused-incidents?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { as: 'carl' },
      );
      expect(page.statusCode).toBe(200);
      expect(page.json().items.length).toBeLessThanOrEqual(2);
      seen.push(
        ...page.json().items.map((item: { incidentNumber: string }) => item.incidentNumber),
      );
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(['INC0000013', 'INC0000011', 'INC0000012', 'INC0000010', 'INC0000014']);
    const foreign = await api.call(
      'GET',
      `/api/v1/changes/${change.id}/caused-incidents?cursor=${Buffer.from('{"id":1}').toString('base64url')}`,
      { as: 'carl' },
    );
    expect(foreign.statusCode).toBe(400);
  });
});
