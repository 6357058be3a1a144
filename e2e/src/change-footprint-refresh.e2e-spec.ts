import { E2eRun, tokenFor, waitUntil } from '@itsm/testing';
import { createCi, publishedChangeTemplate, runningServices } from './support/running-services';

jest.setTimeout(240_000);

interface Conflicts {
  footprint: 'answered' | 'pending' | 'not_needed';
  footprintCalculatedAt: string | null;
  conflicts: Array<{ kind: string; otherChange: { id: string } | null; ci: string | null }>;
}

/**
 * Fresh footprints across the running configuration and change services on the real broker: a
 * relationship added in the CMDB after a change was answered makes the change service ask again,
 * and the conflict the new relationship makes is found before the change is scheduled.
 */
describe('footprints kept fresh when the CMDB relationships change, on the real stack', () => {
  const e2e = new E2eRun('change-footprint-refresh');
  const { id: run } = e2e;
  const api = runningServices(e2e, ['configuration', 'change']);
  const conflictsOf = async (id: string): Promise<Conflicts> =>
    (await api('change', 'GET', `/api/v1/changes/${id}/conflicts`, await tokenFor('chloe'))).body;
  const answered = async (id: string, after: string | null = null): Promise<Conflicts> => {
    let found: Conflicts | undefined;
    await waitUntil(
      after ? 'the CMDB answered again for the change’s CIs' : 'the CMDB answered for its CIs',
      async () => {
        found = await conflictsOf(id);
        return (
          found?.footprint === 'answered' &&
          (after === null || found.footprintCalculatedAt! > after)
        );
      },
      90_000,
    );
    return found!;
  };

  it('finds the conflict a relationship added after the CMDB answered makes', async () => {
    const conor = await tokenFor('conor');
    const app = await createCi(api, 'application', `late-app-${run}`);
    const db = await createCi(api, 'database', `late-db-${run}`, { engine: 'postgresql' });

    const chloe = await tokenFor('chloe');
    const templateId = await publishedChangeTemplate(api, {
      name: `Late patch ${run}`,
      shortDescription: 'Apply the monthly patches',
      justification: 'Security',
      implementationPlan: 'Patch, restart',
      backoutPlan: 'Roll back the package',
      testPlan: 'Smoke tests',
      assignmentGroup: 'database',
    });
    const raise = async (ciId: string) => {
      const raised = await api('change', 'POST', '/api/v1/changes', chloe, {
        type: 'standard',
        templateId,
        affectedCiIds: [ciId],
        plannedStart: '2027-04-10T22:00:00Z',
        plannedEnd: '2027-04-10T23:00:00Z',
      });
      expect(raised.status).toBe(201);
      return raised.body as { id: string; number: string };
    };
    const schedule = async (change: { id: string }) => {
      const { version } = (await api('change', 'GET', `/api/v1/changes/${change.id}`, chloe)).body;
      return api('change', 'POST', `/api/v1/changes/${change.id}/transitions`, chloe, {
        to: 'scheduled',
        version,
      });
    };

    const onDb = await raise(db);
    await answered(onDb.id);
    expect((await schedule(onDb)).status).toBe(200);
    const onApp = await raise(app);
    const before = await answered(onApp.id);
    expect(before.conflicts).toEqual([]);

    const related = await api('configuration', 'POST', '/api/v1/relationships', conor, {
      type: 'depends_on',
      sourceId: app,
      targetId: db,
    });
    expect(related.status).toBe(201);

    const after = await answered(onApp.id, before.footprintCalculatedAt);
    expect(after.conflicts).toMatchObject([
      { kind: 'dependency', otherChange: { id: onDb.id }, ci: db },
    ]);
    expect((await schedule(onApp)).status).toBe(409);
  });
});
