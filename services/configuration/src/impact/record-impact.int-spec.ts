import { randomUUID } from 'node:crypto';
import type { changeCreated, changeImpactRequested, changeUpdated } from '@itsm/contracts';
import type { EventContext, EventOf } from '@itsm/messaging';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../configuration.definition';
import { RecordImpactController } from './record-impact.controller';

jest.setTimeout(120_000);

/**
 * Flow 5 as the CMDB answers it: the answer to a change's CIs names those it does not know, so that
 * the change service can refuse to go on with them (issue 15, "a CI the CMDB does not know").
 */
describe('the impact answer to a change, against real PostgreSQL', () => {
  let cmdb: ServiceUnderTest;
  let handlers: RecordImpactController;

  const deliver = (handle: (ctx: EventContext) => Promise<void>) =>
    cmdb.dataSource.transaction((manager) =>
      handle({ manager, subscription: 'record-impact', attempt: 1 }),
    );
  const answerTo = async (changeId: string) => {
    const rows: Array<{ payload: { ciIds: string[]; unknownCiIds?: string[] } }> =
      await cmdb.dataSource.query(
        `SELECT payload FROM outbox WHERE aggregate_id = $1 AND event_type LIKE '%impact.calculated%'
          ORDER BY sequence`,
        [changeId],
      );
    return rows.map((row) => row.payload);
  };
  const ciNamed = async (name: string) => {
    const response = await cmdb.call('POST', '/api/v1/cis', {
      as: 'conor',
      payload: { className: 'application', name },
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; version: number };
  };

  beforeAll(async () => {
    cmdb = await startServiceUnderTest(definition);
    handlers = cmdb.app.get(RecordImpactController);
  });
  afterAll(() => cmdb.close());

  it('names the CIs never registered and those deleted, not those it knows (a retired one included)', async () => {
    const known = await ciNamed('known-app');
    const retired = await ciNamed('retired-app');
    const deleted = await ciNamed('deleted-app');
    const retiring = await cmdb.call('POST', `/api/v1/cis/${retired.id}/retire`, {
      as: 'conor',
      payload: {},
      headers: { 'if-match': `W/"${retired.version}"` },
    });
    expect(retiring.statusCode).toBe(200);
    expect(
      (await cmdb.call('DELETE', `/api/v1/cis/${deleted.id}`, { as: 'conor' })).statusCode,
    ).toBe(204);
    const neverRegistered = randomUUID();
    const changeId = randomUUID();
    const ciIds = [known.id, neverRegistered, retired.id, deleted.id];

    await deliver((ctx) =>
      handlers.changeRaised(
        { data: { id: changeId, affectedCiIds: ciIds } } as EventOf<typeof changeCreated>,
        ctx,
      ),
    );

    const [answer] = await answerTo(changeId);
    expect(answer).toMatchObject({ ciIds, unknownCiIds: [neverRegistered, deleted.id] });
  });

  it('answers a change whose CIs are all known with no unknown CI', async () => {
    const known = await ciNamed('another-app');
    const changeId = randomUUID();

    await deliver((ctx) =>
      handlers.changeChanged(
        {
          data: {
            id: changeId,
            changes: [{ field: 'affectedCiIds', oldValue: [], newValue: [known.id] }],
          },
        } as EventOf<typeof changeUpdated>,
        ctx,
      ),
    );

    expect(await answerTo(changeId)).toEqual([
      expect.objectContaining({ ciIds: [known.id], unknownCiIds: [] }),
    ]);
  });

  it('answers the change service asking again, with the CIs it names and what is related now', async () => {
    const app = await ciNamed('asked-again-app');
    const database = await ciNamed('asked-again-db');
    const changeId = randomUUID();
    const askAgain = () =>
      deliver((ctx) =>
        handlers.changeImpactRequested(
          {
            data: {
              id: changeId,
              affectedCiIds: [app.id],
              causedBy: 'itsm.configuration.relationship.created.v1',
            },
          } as EventOf<typeof changeImpactRequested>,
          ctx,
        ),
      );
    await askAgain();
    const relating = await cmdb.call('POST', '/api/v1/relationships', {
      as: 'conor',
      payload: { sourceId: app.id, targetId: database.id, type: 'depends_on' },
    });
    expect(relating.statusCode).toBe(201);
    await askAgain();

    const [before, after] = (await answerTo(changeId)) as Array<{
      ciIds: string[];
      relatedCis: Array<{ id: string }>;
    }>;
    expect(before).toMatchObject({ ciIds: [app.id], relatedCis: [] });
    expect(after!.relatedCis.map((ci) => ci.id)).toEqual([database.id]);
  });
});
