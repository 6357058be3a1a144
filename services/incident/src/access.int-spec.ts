import { ROLES } from '@itsm/auth';
import {
  accessMatrixViolations,
  routesMissingFromMatrix,
  startServiceUnderTest,
  type EndpointAccess,
  type ServiceUnderTest,
} from '@itsm/testing';
import { definition } from './incident.definition';

jest.setTimeout(180_000);

/**
 * Who may call what: the role of every endpoint for every seeded person and integration, and, on
 * one incident, which callers each record endpoint must refuse (404 out of scope, 403 in scope but
 * not allowed) and which it must serve.
 */
describe('access to incidents', () => {
  let api: ServiceUnderTest;
  let incident: { id: string; version: number };

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    // Alice's incident, worked by the network group.
    const raised = await api.call('POST', '/api/v1/incidents', {
      as: 'ivy',
      payload: { shortDescription: 'Access probe', callerId: 'alice', assignmentGroup: 'network' },
    });
    incident = raised.json();
  });
  afterAll(() => api.close());

  it('checks the role of every endpoint, for every seeded caller', async () => {
    const anyone = [...ROLES];
    const workers = ['agent', 'incident_manager'] as const;
    const managers = ['incident_manager'] as const;
    const id = incident.id;
    // Payloads are invalid on purpose: an allowed caller gets 400 or 404, and nothing changes.
    const matrix: EndpointAccess[] = [
      { method: 'GET', url: '/api/v1/incidents', allow: anyone },
      { method: 'POST', url: '/api/v1/incidents', payload: {}, allow: anyone },
      { method: 'GET', url: `/api/v1/incidents/${id}`, allow: anyone },
      { method: 'PATCH', url: `/api/v1/incidents/${id}`, payload: { urgency: 9 }, allow: anyone },
      {
        method: 'POST',
        url: `/api/v1/incidents/${id}/transitions`,
        payload: { to: 'x' },
        allow: anyone,
      },
      { method: 'GET', url: `/api/v1/incidents/${id}/notes`, allow: anyone },
      { method: 'POST', url: `/api/v1/incidents/${id}/notes`, payload: {}, allow: anyone },
      { method: 'GET', url: `/api/v1/incidents/${id}/history`, allow: anyone },
      { method: 'GET', url: `/api/v1/incidents/${id}/change-candidates`, allow: workers },
      { method: 'POST', url: `/api/v1/incidents/${id}/major`, payload: {}, allow: managers },
      { method: 'GET', url: `/api/v1/incidents/${id}/communications`, allow: anyone },
      {
        method: 'POST',
        url: `/api/v1/incidents/${id}/communications`,
        payload: {},
        allow: workers,
      },
      { method: 'GET', url: '/api/v1/priority-matrix', allow: anyone },
      { method: 'PUT', url: '/api/v1/priority-matrix', payload: { matrix: [] }, allow: managers },
      { method: 'GET', url: '/api/v1/sla-schedules', allow: workers },
      { method: 'POST', url: '/api/v1/sla-schedules', payload: {}, allow: managers },
      {
        method: 'PUT',
        url: '/api/v1/sla-schedules/00000000-0000-4000-8000-000000000000',
        payload: {},
        allow: managers,
      },
      { method: 'GET', url: '/api/v1/sla-definitions', allow: workers },
      { method: 'POST', url: '/api/v1/sla-definitions', payload: {}, allow: managers },
      {
        method: 'PUT',
        url: '/api/v1/sla-definitions/00000000-0000-4000-8000-000000000000',
        payload: {},
        allow: managers,
      },
      { method: 'GET', url: '/api/v1/sla-repair', allow: workers },
      { method: 'GET', url: '/api/v1/incident-metrics', allow: workers },
    ];
    expect(await accessMatrixViolations(api.send, matrix)).toEqual([]);
    const document = (await api.call('GET', '/api/v1/openapi.json')).json();
    expect(routesMissingFromMatrix(document, matrix)).toEqual([]);
  });

  it('declares the answers of a versioned change and of raising an incident in its OpenAPI document', async () => {
    const { paths } = (await api.call('GET', '/api/v1/openapi.json')).json();
    const update = paths['/api/v1/incidents/{id}'].patch;
    expect(Object.keys(update.responses).sort()).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409', '428']),
    );
    expect(update.responses['200'].headers).toHaveProperty('ETag');
    expect(update.parameters.map((p: { name: string }) => p.name)).toContain('If-Match');
    const create = paths['/api/v1/incidents'].post;
    expect(Object.keys(create.responses)).toEqual(
      expect.arrayContaining(['200', '201', '400', '401', '403', '422']),
    );
    expect(create.responses['200'].headers).toHaveProperty('Idempotent-Replayed');
  });

  it('serves an incident to its caller, its group and managers, and to nobody else', async () => {
    const id = incident.id;
    const version = { 'if-match': `W/"${incident.version}"` };
    const calls: Array<
      [string, 'GET' | 'POST' | 'PATCH', string, object?, Record<string, string>?]
    > = [
      ['read', 'GET', `/api/v1/incidents/${id}`],
      ['change', 'PATCH', `/api/v1/incidents/${id}`, { description: 'x' }, version],
      [
        'resolve',
        'POST',
        `/api/v1/incidents/${id}/transitions`,
        { to: 'on_hold', onHoldReason: 'awaiting_vendor' },
        version,
      ],
      ['comment', 'POST', `/api/v1/incidents/${id}/notes`, { kind: 'comment', body: 'x' }],
      ['work note', 'POST', `/api/v1/incidents/${id}/notes`, { kind: 'work_note', body: 'x' }],
      ['notes', 'GET', `/api/v1/incidents/${id}/notes`],
      ['history', 'GET', `/api/v1/incidents/${id}/history`],
      ['communications', 'GET', `/api/v1/incidents/${id}/communications`],
    ];
    // What each caller must get: 404 (out of scope), 403 (in scope, not allowed), ok (2xx; the
    // changing calls are not made for the callers allowed to make them, so nothing changes).
    const expected: Record<string, Record<string, number | 'ok'>> = {
      bob: {
        read: 404,
        change: 404,
        resolve: 404,
        comment: 404,
        'work note': 404,
        notes: 404,
        history: 404,
        communications: 404,
      },
      sam: {
        read: 404,
        change: 404,
        resolve: 404,
        comment: 404,
        'work note': 404,
        notes: 404,
        history: 404,
        communications: 404,
      },
      dan: {
        read: 404,
        change: 404,
        resolve: 404,
        comment: 404,
        'work note': 404,
        notes: 404,
        history: 404,
        communications: 404,
      },
      alice: {
        read: 'ok',
        change: 403,
        resolve: 403,
        comment: 'ok',
        'work note': 403,
        notes: 'ok',
        history: 'ok',
        communications: 'ok',
      },
      nina: { read: 'ok', notes: 'ok', history: 'ok', communications: 'ok' },
      ivy: { read: 'ok', notes: 'ok', history: 'ok' },
    };
    const wrong: string[] = [];
    for (const [caller, outcomes] of Object.entries(expected)) {
      for (const [name, method, url, payload, headers] of calls) {
        const want = outcomes[name];
        if (want === undefined) continue;
        const { statusCode } = await api.call(method, url, { as: caller, payload, headers });
        const ok = want === 'ok' ? statusCode >= 200 && statusCode < 300 : statusCode === want;
        if (!ok) wrong.push(`${name} as ${caller}: ${statusCode}, expected ${want}`);
      }
    }
    expect(wrong).toEqual([]);
    const notes = (await api.call('GET', `/api/v1/incidents/${id}/notes`, { as: 'alice' })).json();
    expect(notes.items.every((n: { kind: string }) => n.kind === 'comment')).toBe(true);
  });

  it('lets the network group work it and keeps the caller out of its work notes', async () => {
    const changed = await api.call('PATCH', `/api/v1/incidents/${incident.id}`, {
      as: 'nina',
      payload: { description: 'Port 12 flapping' },
      headers: { 'if-match': `W/"${incident.version}"` },
    });
    expect(changed.statusCode).toBe(200);
    const noted = await api.call('POST', `/api/v1/incidents/${incident.id}/notes`, {
      as: 'nina',
      payload: { kind: 'work_note', body: 'Replacing the transceiver' },
    });
    expect(noted.statusCode).toBe(201);
    const bodies = async (as: string) =>
      (await api.call('GET', `/api/v1/incidents/${incident.id}/notes`, { as }))
        .json()
        .items.map((n: { body: string }) => n.body);
    expect(await bodies('nina')).toContain('Replacing the transceiver');
    expect(await bodies('alice')).not.toContain('Replacing the transceiver');
  });
});
