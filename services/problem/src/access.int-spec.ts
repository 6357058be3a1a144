import { randomUUID } from 'node:crypto';
import {
  accessMatrixViolations,
  routesMissingFromMatrix,
  startServiceUnderTest,
  type EndpointAccess,
  type ServiceUnderTest,
} from '@itsm/testing';
import { definition } from './problem.definition';

jest.setTimeout(180_000);

/**
 * Who may call what: the role of every endpoint for every seeded person and integration (a
 * requester none), and, on one problem, who may work it beyond reading it.
 */
describe('access to problems', () => {
  let api: ServiceUnderTest;
  let problem: { id: string; version: number };

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    // Worked by the network group.
    const opened = await api.call('POST', '/api/v1/problems', {
      as: 'paul',
      payload: { shortDescription: 'Access probe', assignmentGroup: 'network' },
    });
    problem = opened.json();
  });
  afterAll(() => api.close());

  it('checks the role of every endpoint, for every seeded caller: a requester is refused everywhere', async () => {
    const readers = ['agent', 'problem_manager'] as const;
    const id = problem.id;
    const unknown = randomUUID();
    // Payloads are invalid on purpose: an allowed caller gets 400 or 404, and nothing changes.
    const matrix: EndpointAccess[] = [
      { method: 'GET', url: '/api/v1/problems', allow: readers },
      { method: 'POST', url: '/api/v1/problems', payload: {}, allow: readers },
      { method: 'GET', url: `/api/v1/problems/${id}`, allow: readers },
      { method: 'PATCH', url: `/api/v1/problems/${id}`, payload: { cause: 7 }, allow: readers },
      {
        method: 'POST',
        url: `/api/v1/problems/${id}/transitions`,
        payload: { to: 'x' },
        allow: readers,
      },
      {
        method: 'POST',
        url: `/api/v1/problems/${id}/known-error`,
        payload: { cause: 7 },
        allow: readers,
      },
      { method: 'GET', url: `/api/v1/problems/${id}/history`, allow: readers },
      { method: 'GET', url: '/api/v1/known-errors', allow: readers },
      { method: 'GET', url: `/api/v1/problems/${id}/incidents`, allow: readers },
      // An incident nobody knows: an allowed caller gets 404, and nothing is linked.
      { method: 'POST', url: `/api/v1/problems/${id}/incidents/${unknown}`, allow: readers },
      { method: 'DELETE', url: `/api/v1/problems/${id}/incidents/${unknown}`, allow: readers },
      { method: 'GET', url: '/api/v1/problem-detection', allow: ['problem_manager'] },
      {
        method: 'PUT',
        url: '/api/v1/problem-detection',
        payload: { threshold: 1 },
        allow: ['problem_manager'],
      },
    ];
    expect(await accessMatrixViolations(api.send, matrix)).toEqual([]);
    const document = (await api.call('GET', '/api/v1/openapi.json')).json();
    expect(routesMissingFromMatrix(document, matrix)).toEqual([]);
  });

  it('declares the answers of a versioned change and of opening a problem in its OpenAPI document', async () => {
    const { paths } = (await api.call('GET', '/api/v1/openapi.json')).json();
    for (const operation of [
      paths['/api/v1/problems/{id}'].patch,
      paths['/api/v1/problems/{id}/transitions'].post,
      paths['/api/v1/problems/{id}/known-error'].post,
    ]) {
      expect(Object.keys(operation.responses)).toEqual(
        expect.arrayContaining(['200', '400', '401', '403', '404', '409', '428']),
      );
      expect(operation.responses['200'].headers).toHaveProperty('ETag');
      expect(operation.parameters.map((p: { name: string }) => p.name)).toContain('If-Match');
    }
    const create = paths['/api/v1/problems'].post;
    expect(Object.keys(create.responses)).toEqual(
      expect.arrayContaining(['200', '201', '400', '401', '403', '422']),
    );
    expect(create.responses['200'].headers).toHaveProperty('Idempotent-Replayed');
  });

  it('lets every agent read the problem, and only its group and problem managers work it', async () => {
    const id = problem.id;
    const version = { 'if-match': `W/"${problem.version}"` };
    const calls: Array<[string, 'GET' | 'POST' | 'PATCH', string, object?]> = [
      ['read', 'GET', `/api/v1/problems/${id}`],
      ['history', 'GET', `/api/v1/problems/${id}/history`],
      ['change', 'PATCH', `/api/v1/problems/${id}`, { description: 'x' }],
      ['move', 'POST', `/api/v1/problems/${id}/transitions`, { to: 'assess' }],
      ['known error', 'POST', `/api/v1/problems/${id}/known-error`, { workaround: 'x' }],
    ];
    // What each caller must get: 403 (not allowed) or ok (2xx); the changing calls are not made for
    // the callers allowed to make them, so nothing changes.
    const refusedChanges = { change: 403, move: 403, 'known error': 403 };
    const expected: Record<string, Record<string, number | 'ok'>> = {
      alice: { read: 403, history: 403, ...refusedChanges },
      sam: { read: 'ok', history: 'ok', ...refusedChanges },
      dan: { read: 'ok', history: 'ok', ...refusedChanges },
      ivy: { read: 'ok', history: 'ok', ...refusedChanges },
      nina: { read: 'ok', history: 'ok' },
      paul: { read: 'ok', history: 'ok' },
    };
    const wrong: string[] = [];
    for (const [caller, outcomes] of Object.entries(expected)) {
      for (const [name, method, url, payload] of calls) {
        const want = outcomes[name];
        if (want === undefined) continue;
        const { statusCode } = await api.call(method, url, {
          as: caller,
          payload,
          headers: version,
        });
        const ok = want === 'ok' ? statusCode >= 200 && statusCode < 300 : statusCode === want;
        if (!ok) wrong.push(`${name} as ${caller}: ${statusCode}, expected ${want}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lets the network group work it, but leaves accepting the risk to a problem manager', async () => {
    const changed = await api.call('PATCH', `/api/v1/problems/${problem.id}`, {
      as: 'nina',
      payload: { description: 'Port 12 flapping', version: problem.version },
    });
    expect(changed.statusCode).toBe(200);
    const close = { to: 'closed', resolutionCode: 'risk_accepted', resolutionNotes: 'Retiring' };
    const byAgent = await api.call('POST', `/api/v1/problems/${problem.id}/transitions`, {
      as: 'nina',
      payload: { ...close, version: changed.json().version },
    });
    expect(byAgent.statusCode).toBe(403);
    expect(byAgent.json().errors).toEqual([
      expect.objectContaining({ field: 'resolutionCode', allowed: ['fix_applied', 'duplicate'] }),
    ]);
    const byManager = await api.call('POST', `/api/v1/problems/${problem.id}/transitions`, {
      as: 'paul',
      payload: { ...close, version: changed.json().version },
    });
    expect(byManager.statusCode).toBe(200);
    expect(byManager.json()).toMatchObject({ state: 'closed', resolutionCode: 'risk_accepted' });
  });
});
