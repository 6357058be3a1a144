import { randomUUID } from 'node:crypto';
import { E2eRun, tokenFor, waitUntil } from '@itsm/testing';
import { runningServices } from './support/running-services';

jest.setTimeout(240_000);

interface RiskFactor {
  factor: string;
  value: string | number | boolean;
  weight: number;
}
interface Change {
  id: string;
  version: number;
  state: string;
  risk: string | null;
  riskFactors: RiskFactor[] | null;
  approval: string | null;
  affectedCiIds: string[];
  impact: { ciIds: string[]; unknownCiIds: string[] } | null;
}

/**
 * Flow 5 of ARCHITECTURE.md across the running configuration, incident and change services, on the
 * real broker: a change submitted for assessment gets its risk from the business services the CMDB
 * computes and the incidents on its CI, and the CAB the policy names approves it.
 */
describe('changes, the CMDB and incidents on the real stack', () => {
  const e2e = new E2eRun('change-flows');
  const { id: run } = e2e;
  const api = runningServices(e2e, ['configuration', 'incident', 'change']);
  const getChange = async (id: string): Promise<Change> =>
    (await api('change', 'GET', `/api/v1/changes/${id}`, await tokenFor('chloe'))).body;
  const factor = (change: Change, name: string) =>
    change.riskFactors?.find((f) => f.factor === name);

  it('assesses a change from the CMDB impact and recent incidents, and the CAB approves it', async () => {
    const conor = await tokenFor('conor');
    const shop = await api('configuration', 'POST', '/api/v1/cis', conor, {
      className: 'business_service',
      name: `Payments ${run}`,
      criticality: 1,
    });
    const db = await api('configuration', 'POST', '/api/v1/cis', conor, {
      className: 'database',
      name: `payments-db-${run}`,
      criticality: 2,
      attributes: { engine: 'postgresql' },
    });
    expect([shop.status, db.status]).toEqual([201, 201]);
    await api('configuration', 'POST', '/api/v1/relationships', conor, {
      type: 'depends_on',
      sourceId: shop.body.id,
      targetId: db.body.id,
    });

    // An incident on the CI: the incident service announces it, the change service projects it.
    const incident = await api('incident', 'POST', '/api/v1/incidents', await tokenFor('sam'), {
      shortDescription: 'Payments slow',
      configurationItemId: db.body.id,
      assignmentGroup: 'service-desk',
    });
    expect(incident.status).toBe(201);
    await waitUntil(
      'the CMDB answered for the incident (the incident topic has been read)',
      async () =>
        (
          await api(
            'incident',
            'GET',
            `/api/v1/incidents/${incident.body.id}`,
            await tokenFor('ivy'),
          )
        ).body.impactedServices.length > 0,
      90_000,
    );

    const chloe = await tokenFor('chloe');
    const raised = await api('change', 'POST', '/api/v1/changes', chloe, {
      type: 'normal',
      shortDescription: `Upgrade payments-db-${run}`,
      assignmentGroup: 'database',
      justification: 'Security fix',
      implementationPlan: 'Upgrade, restart',
      backoutPlan: 'Restore the snapshot',
      testPlan: 'Smoke tests',
      affectedCiIds: [db.body.id],
      plannedStart: '2026-12-01T09:00:00Z',
      plannedEnd: '2026-12-01T10:00:00Z',
    });
    expect(raised.status).toBe(201);
    const assessed = await api(
      'change',
      'POST',
      `/api/v1/changes/${raised.body.id}/transitions`,
      chloe,
      {
        to: 'assess',
        version: raised.body.version,
      },
    );
    expect(assessed.status).toBe(200);
    await waitUntil(
      'the risk reassessed with the business service the CMDB computed',
      async () => factor(await getChange(raised.body.id), 'impacted_services')?.value === 1,
      90_000,
    );
    let change = await getChange(raised.body.id);
    expect(factor(change, 'impacted_services')).toMatchObject({ weight: 20 });
    expect(factor(change, 'recent_incidents')).toMatchObject({ value: 1, weight: 5 });
    expect(change.risk).toBe('moderate');

    change = (
      await api('change', 'POST', `/api/v1/changes/${change.id}/transitions`, chloe, {
        to: 'authorize',
        version: change.version,
      })
    ).body;
    expect(change.approval).toBe('requested');
    for (const member of ['carl', 'cora']) {
      const vote = await api(
        'change',
        'POST',
        `/api/v1/changes/${change.id}/approvals`,
        await tokenFor(member),
        {
          decision: 'approved',
          comment: 'Backout plan is sound',
        },
      );
      expect(vote.status).toBe(201);
    }
    change = await getChange(change.id);
    expect(change.approval).toBe('approved');
    const scheduled = await api(
      'change',
      'POST',
      `/api/v1/changes/${change.id}/transitions`,
      chloe,
      {
        to: 'scheduled',
        version: change.version,
      },
    );
    expect(scheduled.status).toBe(200);
  });

  it('refuses to submit a change naming a CI the CMDB does not know, and accepts it without that CI', async () => {
    const known = await api('configuration', 'POST', '/api/v1/cis', await tokenFor('conor'), {
      className: 'application',
      name: `billing-${run}`,
    });
    expect(known.status).toBe(201);
    const unknown = randomUUID();
    const chloe = await tokenFor('chloe');
    const raised = await api('change', 'POST', '/api/v1/changes', chloe, {
      type: 'normal',
      shortDescription: `Patch billing-${run}`,
      assignmentGroup: 'application',
      justification: 'Bug fix',
      implementationPlan: 'Deploy',
      backoutPlan: 'Redeploy the previous release',
      testPlan: 'Smoke tests',
      affectedCiIds: [known.body.id, unknown],
      plannedStart: '2026-12-02T09:00:00Z',
      plannedEnd: '2026-12-02T10:00:00Z',
    });
    expect(raised.status).toBe(201);
    const answered = (id: string) =>
      waitUntil(
        'the CMDB answered for the change’s current CIs',
        async () => (await getChange(id)).impact !== null,
        90_000,
      );
    const submit = (change: Change) =>
      api('change', 'POST', `/api/v1/changes/${change.id}/transitions`, chloe, {
        to: 'assess',
        version: change.version,
      });

    await answered(raised.body.id);
    let change = await getChange(raised.body.id);
    expect(change.impact?.unknownCiIds).toEqual([unknown]);
    const refused = await submit(change);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      currentState: 'new',
      affectedCiIds: [known.body.id, unknown],
      unknownCiIds: [unknown],
    });
    expect(await getChange(change.id)).toMatchObject({ state: 'new', version: change.version });

    const fixed = await api('change', 'PATCH', `/api/v1/changes/${change.id}`, chloe, {
      affectedCiIds: [known.body.id],
      version: change.version,
    });
    expect(fixed.status).toBe(200);
    await answered(change.id);
    change = await getChange(change.id);
    expect(change.impact?.unknownCiIds).toEqual([]);
    expect((await submit(change)).status).toBe(200);
  });
});
