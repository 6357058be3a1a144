import { randomUUID } from 'node:crypto';
import type { ServiceProcess } from '@itsm/local-stack';
import { callService, E2eRun, tokenFor, waitUntil } from '@itsm/testing';

jest.setTimeout(300_000);

interface Incident {
  id: string;
  number: string;
  version: number;
  state: string;
  problemId: string | null;
}

/**
 * Flows 3 and 4 of ARCHITECTURE.md across the running incident and problem services, on the real
 * broker: three incidents on one CI open one problem that links them and that the incidents show;
 * its published workaround reaches them as a work note, and its fix resumes the one On Hold
 * awaiting it.
 */
describe('problems and incidents on the real stack', () => {
  const e2e = new E2eRun('problems');
  const services: Record<string, ServiceProcess> = {};

  const api = (service: string, method: string, path: string, token: string, body?: object) =>
    callService(services[service]!, method, path, token, body);
  const incident = async (id: string): Promise<Incident> =>
    (await api('incident', 'GET', `/api/v1/incidents/${id}`, await tokenFor('ivy'))).body;
  const workNotes = async (id: string): Promise<Array<{ body: string }>> =>
    (await api('incident', 'GET', `/api/v1/incidents/${id}/notes`, await tokenFor('ivy'))).body
      .items;
  const moveProblem = async (id: string, body: object) => {
    const paul = await tokenFor('paul');
    const { version } = (await api('problem', 'GET', `/api/v1/problems/${id}`, paul)).body;
    const moved = await api('problem', 'POST', `/api/v1/problems/${id}/transitions`, paul, {
      ...body,
      version,
    });
    expect(moved.status).toBe(200);
  };

  beforeAll(async () => {
    for (const name of ['incident', 'problem'] as const) services[name] = await e2e.service(name);
    await Promise.all(Object.values(services).map((service) => service.start()));
    await Promise.all(Object.values(services).map((service) => service.waitUntilReady(120_000)));
  });

  afterAll(async () => {
    await Promise.all(Object.values(services).map((service) => service.stop()));
    await e2e.cleanUp();
  });

  it('opens one problem for three incidents on a CI; its workaround and its fix reach them', async () => {
    const ivy = await tokenFor('ivy');
    const paul = await tokenFor('paul');
    const ci = randomUUID();
    const raised: Incident[] = [];
    for (let i = 0; i < 3; i += 1) {
      const created = await api('incident', 'POST', '/api/v1/incidents', ivy, {
        shortDescription: `Checkout times out (${i + 1})`,
        configurationItemId: ci,
        assignmentGroup: 'service-desk',
      });
      expect(created.status).toBe(201);
      raised.push(created.body);
    }

    // Flow 3: the problem service opens one problem and links them; the incidents record it.
    await waitUntil(
      'every incident showing the problem detection opened',
      async () =>
        (await Promise.all(raised.map((i) => incident(i.id)))).every((i) => i.problemId !== null),
      90_000,
    );
    const problems = (await api('problem', 'GET', `/api/v1/problems?ci=${ci}`, paul)).body.items;
    expect(problems).toHaveLength(1);
    const problem = problems[0] as { id: string; number: string };
    for (const i of raised) expect((await incident(i.id)).problemId).toBe(problem.id);
    const linked = await api('problem', 'GET', `/api/v1/problems/${problem.id}/incidents`, paul);
    expect(linked.body.items.map((i: { id: string }) => i.id).sort()).toEqual(
      raised.map((i) => i.id).sort(),
    );

    // One incident waits for the problem.
    const waiting = await incident(raised[0]!.id);
    const held = await api('incident', 'POST', `/api/v1/incidents/${waiting.id}/transitions`, ivy, {
      to: 'on_hold',
      onHoldReason: 'awaiting_problem',
      version: waiting.version,
    });
    expect(held.status).toBe(200);

    // Flow 4: the workaround reaches every open incident as a work note.
    await moveProblem(problem.id, { to: 'assess' });
    await moveProblem(problem.id, { to: 'root_cause_analysis' });
    const { version } = (await api('problem', 'GET', `/api/v1/problems/${problem.id}`, paul)).body;
    const published = await api(
      'problem',
      'POST',
      `/api/v1/problems/${problem.id}/known-error`,
      paul,
      {
        cause: 'The connection pool leaks connections on timeouts',
        causeCategory: 'software',
        workaround: 'Restart the connection pool from the admin console',
        version,
      },
    );
    expect(published.status).toBe(200);
    await waitUntil(
      'the workaround noted on every incident of the problem',
      async () =>
        (await Promise.all(raised.map((i) => workNotes(i.id)))).every((notes) =>
          notes.some((note) => note.body.includes('Restart the connection pool')),
        ),
      90_000,
    );

    // The fix resumes the incident that waited for it.
    await moveProblem(problem.id, { to: 'fix_in_progress' });
    await moveProblem(problem.id, {
      to: 'resolved',
      resolutionCode: 'fix_applied',
      resolutionNotes: 'Pool patched to release connections on timeout',
    });
    await waitUntil(
      'the incident On Hold awaiting the problem resumed',
      async () => (await incident(waiting.id)).state === 'in_progress',
      90_000,
    );
    for (const i of raised) {
      const notes = await workNotes(i.id);
      expect(notes.filter((note) => note.body.startsWith('Known error'))).toHaveLength(1);
    }
  });
});
