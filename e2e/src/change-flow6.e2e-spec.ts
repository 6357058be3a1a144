import { E2eRun, tokenFor, waitUntil } from '@itsm/testing';
import { createCi, runningServices } from './support/running-services';

jest.setTimeout(300_000);

const HOUR = 3600 * 1000;

interface Change {
  id: string;
  number: string;
  version: number;
  state: string;
}

/**
 * The deployment gate and flow 6 of ARCHITECTURE.md across the running configuration, incident and
 * change services, on the real broker: the gate resolves a CI by the name the CMDB gave it and
 * lets the deployment through the implementing change; the change closes unsuccessful; the CMDB
 * records it in the CI's history, and the incidents on the CI, one opened before the announcement
 * and one after, become "caused by change" candidates seen from the incident and from the change.
 */
describe('deployment gate and flow 6 on the real stack', () => {
  const e2e = new E2eRun('change-flow6');
  const { id: run } = e2e;
  const api = runningServices(e2e, ['configuration', 'incident', 'change']);
  const move = async (change: Change, payload: object): Promise<Change> => {
    const moved = await api(
      'change',
      'POST',
      `/api/v1/changes/${change.id}/transitions`,
      await tokenFor('chloe'),
      { ...payload, version: change.version },
    );
    expect(moved.status).toBe(200);
    return moved.body;
  };
  const gate = async (cis: string[]) =>
    api('change', 'POST', '/api/v1/deployment-gate', await tokenFor('chloe'), { cis });
  const openIncident = async (ciId: string, shortDescription: string) => {
    const opened = await api('incident', 'POST', '/api/v1/incidents', await tokenFor('sam'), {
      shortDescription,
      configurationItemId: ciId,
      assignmentGroup: 'service-desk',
    });
    expect(opened.status).toBe(201);
    return opened.body as { id: string; number: string };
  };
  const candidatesOf = async (incidentId: string) =>
    (
      await api(
        'incident',
        'GET',
        `/api/v1/incidents/${incidentId}/change-candidates`,
        await tokenFor('ivy'),
      )
    ).body.items as Array<{ changeNumber: string }>;
  const causedBy = async (changeId: string) =>
    (
      await api(
        'change',
        'GET',
        `/api/v1/changes/${changeId}/caused-incidents`,
        await tokenFor('chloe'),
      )
    ).body.items as Array<{ incidentNumber: string }>;

  it('gates a deployment by CI name, and links the incidents an unsuccessful change caused', async () => {
    const name = `orders-db-${run}`;
    const ciId = await createCi(api, 'database', name, { engine: 'postgresql' });
    await waitUntil(
      'the change service knows the CI by its name (the CMDB topic has been read)',
      async () => (await gate([name])).body.reasons?.[0]?.code === 'no_change',
      90_000,
    );

    const chloe = await tokenFor('chloe');
    let change: Change = (
      await api('change', 'POST', '/api/v1/changes', chloe, {
        type: 'emergency',
        shortDescription: `Hotfix ${name}`,
        justification: 'Orders fail',
        implementationPlan: 'Deploy 3.1.1',
        backoutPlan: 'Deploy 3.1.0',
        testPlan: 'Smoke tests',
        affectedCiIds: [ciId],
        plannedStart: new Date(Date.now() - HOUR).toISOString(),
        plannedEnd: new Date(Date.now() + HOUR).toISOString(),
      })
    ).body;
    change = await move(change, { to: 'authorize' });
    const vote = await api(
      'change',
      'POST',
      `/api/v1/changes/${change.id}/approvals`,
      await tokenFor('cora'),
      { decision: 'approved', comment: 'Go' },
    );
    expect(vote.status).toBe(201);
    change = (await api('change', 'GET', `/api/v1/changes/${change.id}`, chloe)).body;
    change = await move(change, { to: 'scheduled' });
    const early = await gate([name]);
    expect(early.status).toBe(409);
    expect(early.body.reasons.map((r: { code: string }) => r.code)).toEqual(['not_implementing']);
    change = await move(change, { to: 'implement' });

    const allowed = await gate([name.toUpperCase()]);
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({ allowed: true, change: { number: change.number } });
    const reported = await api(
      'change',
      'POST',
      `/api/v1/changes/${change.id}/deployments`,
      chloe,
      {
        outcome: 'failed',
        pipeline: 'orders/deploy',
        version: '3.1.1',
      },
    );
    expect(reported.status).toBe(201);

    // Opened during the window, before the change is announced as unsuccessful.
    const during = await openIncident(ciId, 'Orders stuck');
    change = await move(change, { to: 'review' });
    change = await move(change, {
      to: 'closed',
      closeCode: 'unsuccessful',
      closeNotes: 'Backed out',
    });

    const conor = await tokenFor('conor');
    await waitUntil(
      "the CMDB recorded the change in the CI's history",
      async () =>
        (
          await api('configuration', 'GET', `/api/v1/cis/${ciId}/history?limit=100`, conor)
        ).body.items.some(
          (line: { field: string; newValue: { number?: string; closeCode?: string } }) =>
            line.field === 'changes' &&
            line.newValue.number === change.number &&
            line.newValue.closeCode === 'unsuccessful',
        ),
      90_000,
    );
    await waitUntil(
      'the incident opened during the window is a candidate on both sides',
      async () =>
        (await candidatesOf(during.id)).some((c) => c.changeNumber === change.number) &&
        (await causedBy(change.id)).some((i) => i.incidentNumber === during.number),
      90_000,
    );

    // Opened after the announcement, within 24 h of the window.
    const after = await openIncident(ciId, 'Orders slow');
    await waitUntil(
      'the incident opened after the announcement is a candidate on both sides',
      async () =>
        (await candidatesOf(after.id)).some((c) => c.changeNumber === change.number) &&
        (await causedBy(change.id)).some((i) => i.incidentNumber === after.number),
      90_000,
    );
    expect((await causedBy(change.id)).map((i) => i.incidentNumber)).toEqual([
      during.number,
      after.number,
    ]);
    expect(await candidatesOf(during.id)).toHaveLength(1);
  });
});
