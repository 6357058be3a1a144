import { encodeCursor } from '@itsm/http';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../incident.definition';

jest.setTimeout(120_000);

/** Input the database would choke on is refused up front, naming the field, and changes nothing. */
describe('bad input to incidents, against real PostgreSQL', () => {
  let api: ServiceUnderTest;

  const raise = async (as: string, payload: object) => {
    const response = await api.call('POST', '/api/v1/incidents', { as, payload });
    expect(response.statusCode).toBe(201);
    return response.json();
  };
  const patch = (incident: { id: string; version: number }, payload: object, as = 'sam') =>
    api.call('PATCH', `/api/v1/incidents/${incident.id}`, {
      as,
      payload,
      headers: { 'if-match': `W/"${incident.version}"` },
    });
  const expectFieldRefused = (
    response: { statusCode: number; json(): { errors: Array<{ field: string }> } },
    field: string,
  ) => {
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e) => e.field)).toContain(field);
  };

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
  });
  afterAll(() => api.close());

  it('refuses text the database cannot store (NUL, an unpaired surrogate), in bodies and queries, and creates nothing', async () => {
    const before = await api.call('GET', '/api/v1/incidents?limit=100', { as: 'sam' });
    for (const [field, payload] of [
      ['shortDescription', { shortDescription: 'Printer\u0000down' }],
      ['description', { shortDescription: 'Printer down', description: 'lone \uD800 half' }],
      ['tags.1', { shortDescription: 'Printer down', tags: ['printer', 'fl\u0000oor-3'] }],
    ] as const) {
      const response = await api.call('POST', '/api/v1/incidents', { as: 'sam', payload });
      expectFieldRefused(response, field);
    }
    expectFieldRefused(await api.call('GET', '/api/v1/incidents?q=a%00b', { as: 'ivy' }), 'q');
    const incident = await raise('sam', { shortDescription: 'Scanner jams' });
    expectFieldRefused(await patch(incident, { category: 'hard\u0000ware' }), 'category');
    const after = await api.call('GET', '/api/v1/incidents?limit=100', { as: 'sam' });
    expect(after.json().items).toHaveLength(before.json().items.length + 1);
  });

  it('refuses an empty caller, group, assignee or category rather than an incident nobody can route (the caller answered 500)', async () => {
    for (const field of ['callerId', 'assignmentGroup', 'assignee', 'category']) {
      const payload = { shortDescription: 'Badge reader dead', [field]: '' };
      expectFieldRefused(
        await api.call('POST', '/api/v1/incidents', { as: 'sam', payload }),
        field,
      );
    }
    const incident = await raise('sam', { shortDescription: 'Badge reader flaky' });
    expectFieldRefused(await patch(incident, { assignmentGroup: '' }), 'assignmentGroup');
  });

  it('refuses a short description, group or note of white space alone, and opens nothing', async () => {
    const before = await api.call('GET', '/api/v1/incidents?limit=100', { as: 'sam' });
    for (const payload of [
      { shortDescription: ' \t\n ' },
      { shortDescription: 'Badge reader dead', assignmentGroup: '\u00a0' },
    ]) {
      const response = await api.call('POST', '/api/v1/incidents', { as: 'sam', payload });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0]).toMatchObject({
        message: expect.stringContaining('a character other than white space'),
      });
    }
    const after = await api.call('GET', '/api/v1/incidents?limit=100', { as: 'sam' });
    expect(after.json().items).toHaveLength(before.json().items.length);
    const incident = await raise('sam', { shortDescription: 'Badge reader flaky' });
    expectFieldRefused(await patch(incident, { shortDescription: '   ' }), 'shortDescription');
  });

  it('reads a null reason as none when moving an incident (it answered 500)', async () => {
    const incident = await raise('sam', { shortDescription: 'Dock station dead' });
    const moved = await api.call('POST', `/api/v1/incidents/${incident.id}/transitions`, {
      as: 'sam',
      payload: { to: 'canceled', reason: null, version: incident.version },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().state).toBe('canceled');
  });

  it('refuses an empty item in a list filter, as the document says (an empty state was read as none)', async () => {
    expectFieldRefused(await api.call('GET', '/api/v1/incidents?state=', { as: 'ivy' }), 'state');
    expectFieldRefused(
      await api.call('GET', '/api/v1/incidents?priority=1,', { as: 'ivy' }),
      'priority',
    );
    const repeated = await api.call('GET', '/api/v1/incidents?state=new&state=on_hold,resolved', {
      as: 'ivy',
    });
    expect(repeated.statusCode).toBe(200);
  });

  it('refuses dates that are not one instant, in lists and figures', async () => {
    for (const value of ['2026-02-30', '2026-W48', '2026-11-28T10:00:00', 'soon']) {
      const query = encodeURIComponent(value);
      expectFieldRefused(
        await api.call('GET', `/api/v1/incidents?openedFrom=${query}`, { as: 'ivy' }),
        'openedFrom',
      );
      expectFieldRefused(
        await api.call('GET', `/api/v1/incident-metrics?to=${query}`, { as: 'ivy' }),
        'to',
      );
    }
    const fine = await api.call('GET', '/api/v1/incidents?openedFrom=2026-11-01', { as: 'ivy' });
    expect(fine.statusCode).toBe(200);
  });

  it('refuses a cursor whose values were tampered with', async () => {
    for (const position of [
      { openedAt: 'yesterday', id: '8a1c3d9e-5b7f-4c2a-9e1d-3f5b7c9a1e2d' },
      { openedAt: '2026-11-28T10:00:00.000Z', id: "1' OR '1'='1" },
    ]) {
      expectFieldRefused(
        await api.call('GET', `/api/v1/incidents?cursor=${encodeCursor(position)}`, { as: 'ivy' }),
        'cursor',
      );
    }
    expectFieldRefused(
      await api.call(
        'GET',
        `/api/v1/incidents/${(await raise('sam', { shortDescription: 'History probe' })).id}/history?cursor=${encodeCursor({ id: 'x' })}`,
        { as: 'ivy' },
      ),
      'cursor',
    );
  });

  it('refuses a parent that is unknown, unseen, ended, or would make a cycle, and changes nothing', async () => {
    const grandparent = await raise('sam', {
      shortDescription: 'Grandparent',
      assignmentGroup: 'service-desk',
    });
    const parent = await raise('sam', {
      shortDescription: 'Parent',
      assignmentGroup: 'service-desk',
      parentId: grandparent.id,
    });
    const child = await raise('sam', {
      shortDescription: 'Child',
      assignmentGroup: 'service-desk',
      parentId: parent.id,
    });
    const networkOnly = await raise('nina', {
      shortDescription: 'Switch',
      assignmentGroup: 'network',
    });
    const ended = await raise('sam', {
      shortDescription: 'Ended',
      assignmentGroup: 'service-desk',
    });
    await api.call('POST', `/api/v1/incidents/${ended.id}/transitions`, {
      as: 'sam',
      payload: { to: 'canceled', reason: 'raised twice' },
      headers: { 'if-match': `W/"${ended.version}"` },
    });

    const unknown = await patch(grandparent, { parentId: '00000000-0000-4000-8000-000000000000' });
    const unseen = await patch(grandparent, { parentId: networkOnly.id });
    // The same answer as an unknown one: nothing tells Sam that Nina's incident exists.
    expect(unseen.json().errors).toEqual(unknown.json().errors);
    expectFieldRefused(unknown, 'parentId');
    expectFieldRefused(await patch(grandparent, { parentId: child.id }), 'parentId');
    expectFieldRefused(await patch(grandparent, { parentId: grandparent.id }), 'parentId');
    expectFieldRefused(await patch(child, { parentId: ended.id }), 'parentId');

    const after = (
      await api.call('GET', `/api/v1/incidents/${grandparent.id}`, { as: 'sam' })
    ).json();
    expect(after).toMatchObject({ version: grandparent.version, parentId: null });
    const moved = await patch(child, { parentId: grandparent.id });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().parentId).toBe(grandparent.id);
  });

  it('refuses the second of two re-parentings racing to make a cycle', async () => {
    const a = await raise('sam', { shortDescription: 'Race A', assignmentGroup: 'service-desk' });
    const b = await raise('sam', { shortDescription: 'Race B', assignmentGroup: 'service-desk' });
    // Both changes wait on a lock of both incidents, then run at the same moment.
    const gate = api.dataSource.createQueryRunner();
    await gate.connect();
    await gate.startTransaction();
    await gate.query('SELECT 1 FROM incidents WHERE id = ANY($1) FOR UPDATE', [[a.id, b.id]]);
    const racing = [patch(a, { parentId: b.id }), patch(b, { parentId: a.id })];
    await new Promise((resolve) => setTimeout(resolve, 300));
    await gate.commitTransaction();
    await gate.release();
    const answers = await Promise.all(racing);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 400]);
    const links = (await api.dataSource.query(
      'SELECT count(*)::int AS n FROM incidents WHERE id = ANY($1) AND parent_id IS NOT NULL',
      [[a.id, b.id]],
    )) as [{ n: number }];
    expect(links[0].n).toBe(1);
  });
});
