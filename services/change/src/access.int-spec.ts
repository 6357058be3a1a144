import { ROLES } from '@itsm/auth';
import {
  accessMatrixViolations,
  routesMissingFromMatrix,
  startServiceUnderTest,
  type EndpointAccess,
  type ServiceUnderTest,
} from '@itsm/testing';
import { definition } from './change.definition';

jest.setTimeout(180_000);

/**
 * Who may call what: the role of every endpoint for every seeded person and integration, and, on
 * one change, which callers each record endpoint must refuse (404 out of scope, 403 in scope but
 * not allowed) and which it must serve.
 */
describe('access to changes', () => {
  let api: ServiceUnderTest;
  let change: { id: string; version: number };

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    // Alice's change, worked by the network group.
    const raised = await api.call('POST', '/api/v1/changes', {
      as: 'nina',
      payload: {
        type: 'normal',
        shortDescription: 'Access probe',
        requestedBy: 'alice',
        assignmentGroup: 'network',
      },
    });
    change = raised.json();
  });
  afterAll(() => api.close());

  it('checks the role of every endpoint, for every seeded caller', async () => {
    const anyone = [...ROLES];
    const workers = ['agent', 'change_manager'] as const;
    const readers = ['agent', 'cab_member', 'change_manager'] as const;
    const managers = ['change_manager'] as const;
    const id = change.id;
    const template = '/api/v1/change-templates/00000000-0000-4000-8000-000000000000';
    const blackout = '/api/v1/blackout-windows/00000000-0000-4000-8000-000000000000';
    // Payloads are invalid on purpose: an allowed caller gets 400 or 404, and nothing changes.
    const matrix: EndpointAccess[] = [
      { method: 'GET', url: '/api/v1/changes', allow: anyone },
      { method: 'POST', url: '/api/v1/changes', payload: {}, allow: workers },
      { method: 'GET', url: `/api/v1/changes/${id}`, allow: anyone },
      {
        method: 'PATCH',
        url: `/api/v1/changes/${id}`,
        payload: { plannedStart: 'x' },
        allow: workers,
      },
      {
        method: 'POST',
        url: `/api/v1/changes/${id}/transitions`,
        payload: { to: 'x' },
        allow: workers,
      },
      { method: 'GET', url: `/api/v1/changes/${id}/history`, allow: anyone },
      { method: 'GET', url: `/api/v1/changes/${id}/approvals`, allow: anyone },
      { method: 'GET', url: `/api/v1/changes/${id}/conflicts`, allow: readers },
      // The deployer integration may call these two and nothing else (every row here checks it).
      {
        method: 'POST',
        url: '/api/v1/deployment-gate',
        payload: { cis: [] },
        allow: ['deployer', 'change_manager'],
      },
      {
        method: 'POST',
        url: `/api/v1/changes/${id}/deployments`,
        payload: { outcome: 'x' },
        allow: ['deployer', 'change_manager'],
      },
      { method: 'GET', url: `/api/v1/changes/${id}/caused-incidents`, allow: readers },
      { method: 'GET', url: '/api/v1/change-metrics?from=x', allow: readers },
      {
        method: 'POST',
        url: `/api/v1/changes/${id}/approvals`,
        payload: { decision: 'x' },
        allow: ['change_manager', 'cab_member'],
      },
      { method: 'GET', url: '/api/v1/blackout-windows', allow: anyone },
      { method: 'POST', url: '/api/v1/blackout-windows', payload: {}, allow: managers },
      { method: 'GET', url: blackout, allow: anyone },
      { method: 'PATCH', url: blackout, payload: { name: '' }, allow: managers },
      { method: 'DELETE', url: `${blackout}?version=x`, allow: managers },
      { method: 'GET', url: `${blackout}/history`, allow: anyone },
      { method: 'GET', url: '/api/v1/calendar?from=x', allow: anyone },
      { method: 'POST', url: '/api/v1/calendar/feeds', payload: {}, allow: anyone },
      { method: 'GET', url: '/api/v1/calendar/feeds', allow: anyone },
      { method: 'DELETE', url: '/api/v1/calendar/feeds/x', allow: anyone },
      { method: 'GET', url: '/api/v1/change-templates', allow: readers },
      { method: 'POST', url: '/api/v1/change-templates', payload: {}, allow: managers },
      { method: 'GET', url: template, allow: readers },
      { method: 'PATCH', url: template, payload: { name: '' }, allow: managers },
      { method: 'POST', url: `${template}/publish`, payload: { version: 0 }, allow: managers },
      { method: 'POST', url: `${template}/retire`, payload: { version: 0 }, allow: managers },
    ];
    expect(await accessMatrixViolations(api.send, matrix)).toEqual([]);
    const document = (await api.call('GET', '/api/v1/openapi.json')).json();
    // The one endpoint without a bearer token: a calendar client presents the feed's secret.
    expect(routesMissingFromMatrix(document, matrix)).toEqual([
      'GET /api/v1/calendar/feeds/{feedId}.ics',
    ]);
  });

  it('serves a calendar feed to no one without its secret token', async () => {
    const feed = '/api/v1/calendar/feeds/00000000-0000-4000-8000-000000000000.ics';
    expect((await api.send({ method: 'GET', url: feed, headers: {} })).statusCode).toBe(400);
    const guessed = await api.send({ method: 'GET', url: `${feed}?token=guess`, headers: {} });
    expect(guessed.statusCode).toBe(404);
    expect((await api.call('GET', `${feed}?token=guess`, { as: 'chloe' })).statusCode).toBe(404);
    // Its OpenAPI document says so, for generated clients and fuzzers: the token, not a bearer.
    const document = (await api.call('GET', '/api/v1/openapi.json')).json();
    expect(document.paths['/api/v1/calendar/feeds/{feedId}.ics'].get.security).toEqual([
      { calendarFeedToken: [] },
    ]);
    expect(document.components.securitySchemes.calendarFeedToken).toEqual({
      type: 'apiKey',
      in: 'query',
      name: 'token',
    });
  });

  it('serves a change to its requester, to readers and to its workers, and to nobody else', async () => {
    const id = change.id;
    const version = { 'if-match': `W/"${change.version}"` };
    const calls: Array<
      [string, 'GET' | 'POST' | 'PATCH', string, object?, Record<string, string>?]
    > = [
      ['read', 'GET', `/api/v1/changes/${id}`],
      ['history', 'GET', `/api/v1/changes/${id}/history`],
      ['conflicts', 'GET', `/api/v1/changes/${id}/conflicts`],
      ['caused', 'GET', `/api/v1/changes/${id}/caused-incidents`],
      ['change', 'PATCH', `/api/v1/changes/${id}`, { description: 'x' }, version],
      [
        'cancel',
        'POST',
        `/api/v1/changes/${id}/transitions`,
        { to: 'canceled', reason: 'x' },
        version,
      ],
    ];
    // 404: out of scope; 403: may see it, may not do this; ok: 2xx (changing calls are not made
    // for the callers allowed to make them, so nothing changes). Other changes and incidents are
    // not a requester's: a requester reads neither the change's conflicts nor its caused incidents.
    const expected: Record<string, Record<string, number | 'ok'>> = {
      bob: { read: 404, history: 404, conflicts: 403, caused: 403, change: 403, cancel: 403 },
      alice: { read: 'ok', history: 'ok', conflicts: 403, caused: 403, change: 403, cancel: 403 },
      dan: { read: 'ok', history: 'ok', conflicts: 'ok', caused: 'ok', change: 403, cancel: 403 },
      sam: { read: 'ok', history: 'ok', conflicts: 'ok', caused: 'ok', change: 403, cancel: 403 },
      cora: { read: 'ok', history: 'ok', conflicts: 'ok', caused: 'ok', change: 403, cancel: 403 },
      carl: { read: 'ok', history: 'ok', conflicts: 'ok', caused: 'ok' },
      chloe: { read: 'ok', history: 'ok', conflicts: 'ok', caused: 'ok' },
      nina: { read: 'ok', history: 'ok', conflicts: 'ok', caused: 'ok' },
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
  });

  it('lists for a requester only the changes they requested', async () => {
    const numbers = async (as: string) =>
      (await api.call('GET', '/api/v1/changes', { as }))
        .json()
        .items.map((c: { id: string }) => c.id);
    expect(await numbers('alice')).toEqual([change.id]);
    expect(await numbers('bob')).toEqual([]);
    expect(await numbers('cora')).toContain(change.id);
  });

  it('lets agents raise changes for their own groups only', async () => {
    const raise = (as: string, assignmentGroup?: string) =>
      api.call('POST', '/api/v1/changes', {
        as,
        payload: {
          type: 'normal',
          shortDescription: 'Group probe',
          ...(assignmentGroup && { assignmentGroup }),
        },
      });
    const foreign = await raise('nina', 'database');
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().errors[0].field).toBe('assignmentGroup');
    expect((await raise('nina')).statusCode).toBe(403);
    expect((await raise('chloe')).statusCode).toBe(201);
  });

  it('leaves the moves out of Assess and Authorize to a change manager', async () => {
    const raised = await api.call('POST', '/api/v1/changes', {
      as: 'carl',
      payload: {
        type: 'normal',
        shortDescription: 'Authorisation probe',
        assignmentGroup: 'network',
        justification: 'j',
        implementationPlan: 'i',
        backoutPlan: 'b',
        testPlan: 't',
        affectedCiIds: ['9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'],
        plannedStart: '2026-12-05T22:00:00Z',
        plannedEnd: '2026-12-05T23:00:00Z',
      },
    });
    const move = (c: { id: string; version: number }, to: string, as: string) =>
      api.call('POST', `/api/v1/changes/${c.id}/transitions`, {
        as,
        payload: { to },
        headers: { 'if-match': `W/"${c.version}"` },
      });
    const assessed = (await move(raised.json(), 'assess', 'carl')).json();
    const byCab = await move(assessed, 'authorize', 'carl');
    expect(byCab.statusCode).toBe(403);
    expect(byCab.json().requiredRoles).toEqual(['change_manager']);
    expect((await move(assessed, 'authorize', 'ada')).statusCode).toBe(200);
  });
});
