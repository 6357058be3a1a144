import { E2eRun, tokenFor, waitUntil } from '@itsm/testing';
import { createCi, publishedChangeTemplate, runningServices } from './support/running-services';

jest.setTimeout(240_000);

interface Conflicts {
  footprint: 'answered' | 'pending' | 'not_needed';
  conflicts: Array<{
    kind: string;
    otherChange: { id: string; number: string } | null;
    blackoutWindow: { id: string } | null;
    ci: string | null;
    service: string | null;
    direction: string | null;
    path: string[];
  }>;
}

/**
 * Item 5 of issue 15 across the running configuration and change services on the real broker: the
 * CMDB answers each change with the CIs related to its own, and the change service finds a
 * conflict through the CMDB's graph (an application change beside a change of the database it
 * depends on), and a freeze on a business service the change's CIs impact.
 */
describe('change conflicts through the CMDB on the real stack', () => {
  const e2e = new E2eRun('change-conflicts');
  const { id: run } = e2e;
  const api = runningServices(e2e, ['configuration', 'change']);
  const answered = async (id: string): Promise<Conflicts> => {
    const chloe = await tokenFor('chloe');
    let found: Conflicts | undefined;
    await waitUntil(
      'the CMDB answered for the change’s CIs',
      async () => {
        found = (await api('change', 'GET', `/api/v1/changes/${id}/conflicts`, chloe)).body;
        return found?.footprint === 'answered';
      },
      90_000,
    );
    return found!;
  };

  it('finds a conflict through the CMDB’s dependencies and a freeze on an impacted service', async () => {
    const conor = await tokenFor('conor');
    const shop = await createCi(api, 'business_service', `Shop ${run}`);
    const app = await createCi(api, 'application', `shop-app-${run}`);
    const db = await createCi(api, 'database', `shop-db-${run}`, { engine: 'postgresql' });
    for (const [sourceId, targetId] of [
      [shop, app],
      [app, db],
    ]) {
      const related = await api('configuration', 'POST', '/api/v1/relationships', conor, {
        type: 'depends_on',
        sourceId,
        targetId,
      });
      expect(related.status).toBe(201);
    }

    const chloe = await tokenFor('chloe');
    const templateId = await publishedChangeTemplate(api, {
      name: `Patch ${run}`,
      shortDescription: 'Apply the monthly patches',
      justification: 'Security',
      implementationPlan: 'Patch, restart',
      backoutPlan: 'Roll back the package',
      testPlan: 'Smoke tests',
      assignmentGroup: 'database',
    });
    const raise = async (ciId: string, start: string, end: string) => {
      const raised = await api('change', 'POST', '/api/v1/changes', chloe, {
        type: 'standard',
        templateId,
        affectedCiIds: [ciId],
        plannedStart: start,
        plannedEnd: end,
      });
      expect(raised.status).toBe(201);
      return raised.body as { id: string; number: string };
    };
    // The change's version moves when the CMDB's answer arrives (risk keeps it): read it again.
    const schedule = async (change: { id: string }) => {
      const { version } = (await api('change', 'GET', `/api/v1/changes/${change.id}`, chloe)).body;
      return api('change', 'POST', `/api/v1/changes/${change.id}/transitions`, chloe, {
        to: 'scheduled',
        version,
      });
    };

    const onDb = await raise(db, '2027-02-06T22:00:00Z', '2027-02-06T23:00:00Z');
    expect((await answered(onDb.id)).conflicts).toEqual([]);
    expect((await schedule(onDb)).status).toBe(200);

    const onApp = await raise(app, '2027-02-06T22:30:00Z', '2027-02-07T00:00:00Z');
    const found = await answered(onApp.id);
    expect(found.conflicts).toMatchObject([
      {
        kind: 'dependency',
        otherChange: { id: onDb.id, number: onDb.number },
        ci: db,
        direction: 'dependencies',
        path: [app, db],
      },
    ]);
    const refused = await schedule(onApp);
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('https://itsm.dev/problems/change-conflict');

    const freeze = await api('change', 'POST', '/api/v1/blackout-windows', chloe, {
      name: `Shop peak ${run}`,
      start: '2027-03-01T00:00:00Z',
      end: '2027-03-08T00:00:00Z',
      scope: 'services',
      serviceIds: [shop],
    });
    expect(freeze.status).toBe(201);
    const inFreeze = await raise(db, '2027-03-02T22:00:00Z', '2027-03-02T23:00:00Z');
    expect((await answered(inFreeze.id)).conflicts).toMatchObject([
      { kind: 'blackout', blackoutWindow: { id: freeze.body.id }, service: shop },
    ]);
    expect((await schedule(inFreeze)).status).toBe(409);
  });
});
