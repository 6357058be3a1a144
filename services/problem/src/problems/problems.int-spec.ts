import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../problem.definition';

jest.setTimeout(120_000);

/** The problem lifecycle through the API, against real PostgreSQL. */
describe('problems, against real PostgreSQL', () => {
  let api: ServiceUnderTest;

  const eventTypes = async (id: string) =>
    (
      (await api.dataSource.query(
        'SELECT event_type FROM outbox WHERE aggregate_id = $1 ORDER BY sequence',
        [id],
      )) as Array<{ event_type: string }>
    ).map((row) => row.event_type.replace(/^itsm\.problem\./, '').replace(/\.v1$/, ''));
  const open = async (payload: object, as = 'paul', headers: Record<string, string> = {}) => {
    const response = await api.call('POST', '/api/v1/problems', { as, payload, headers });
    expect(response.statusCode).toBe(201);
    return response.json();
  };
  const move = (problem: { id: string; version: number }, payload: object, as = 'paul') =>
    api.call('POST', `/api/v1/problems/${problem.id}/transitions`, {
      as,
      payload,
      headers: { 'if-match': `W/"${problem.version}"` },
    });
  const patch = (problem: { id: string; version: number }, payload: object, as = 'paul') =>
    api.call('PATCH', `/api/v1/problems/${problem.id}`, {
      as,
      payload,
      headers: { 'if-match': `W/"${problem.version}"` },
    });

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
  });
  afterAll(() => api.close());

  it('opens a problem with a human number, New (101), and announces it', async () => {
    const problem = await open({
      shortDescription: 'Recurring checkout timeouts',
      category: 'database',
      assignmentGroup: 'database',
      configurationItemId: '9C8B7A6D-5E4F-4A3B-8C2D-1E0F9A8B7C6D',
    });
    expect(problem).toMatchObject({
      number: expect.stringMatching(/^PRB\d{7}$/),
      state: 'new',
      stateCode: 101,
      allowedNextStates: ['assess', 'closed'],
      openedBy: 'paul',
      configurationItemId: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      knownError: false,
    });
    const second = await open({ shortDescription: 'Printer queue stalls' });
    expect(Number(second.number.slice(3))).toBe(Number(problem.number.slice(3)) + 1);
    expect(await eventTypes(problem.id)).toEqual(['problem.created']);
    const [row] = await api.dataSource.query(`SELECT payload FROM outbox WHERE aggregate_id = $1`, [
      problem.id,
    ]);
    expect(row.payload).toMatchObject({ linkedIncidentIds: [], category: 'database' });
  });

  it('walks the state model to Closed with its resolution, and announces each move', async () => {
    let problem = await open({ shortDescription: 'Nightly batch overruns' });
    for (const to of ['assess', 'root_cause_analysis']) {
      const moved = await move(problem, { to });
      expect(moved.statusCode).toBe(200);
      problem = moved.json();
    }
    const unfounded = await move(problem, { to: 'fix_in_progress' });
    expect(unfounded.statusCode).toBe(400);
    expect(unfounded.json().errors.map((e: { field: string }) => e.field)).toEqual(['cause']);
    problem = (
      await patch(problem, {
        cause: 'The batch reads the whole table without an index',
        causeCategory: 'software',
        analysisMethod: 'five_whys',
        analysisNotes: 'Why slow? Sequential scan. Why? Index dropped in release 4.2.',
      })
    ).json();
    problem = (await move(problem, { to: 'fix_in_progress' })).json();
    const resolved = await move(problem, {
      to: 'resolved',
      resolutionCode: 'fix_applied',
      resolutionNotes: 'Index restored',
    });
    expect(resolved.json()).toMatchObject({
      state: 'resolved',
      stateCode: 106,
      resolutionCode: 'fix_applied',
      resolvedAt: expect.any(String),
      allowedNextStates: ['closed'],
    });
    const closed = (await move(resolved.json(), { to: 'closed' })).json();
    expect(closed).toMatchObject({ state: 'closed', stateCode: 107, closedAt: expect.any(String) });
    expect(await eventTypes(problem.id)).toEqual([
      'problem.created',
      'problem.state_changed',
      'problem.state_changed',
      'problem.updated',
      'problem.state_changed',
      'problem.updated',
      'problem.state_changed',
      'problem.updated',
      'problem.state_changed',
    ]);
    const [stateChange] = await api.dataSource.query(
      `SELECT payload FROM outbox WHERE aggregate_id = $1 AND payload->>'toState' = 'resolved'`,
      [problem.id],
    );
    expect(stateChange.payload).toMatchObject({
      fromState: 'fix_in_progress',
      reason: 'fix_applied',
    });
  });

  it('answers an illegal move with 409 naming the current state and the allowed ones, and writes nothing', async () => {
    const problem = await open({ shortDescription: 'VPN drops every hour' });
    const refused = await move(problem, { to: 'resolved' });
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.json()).toMatchObject({
      currentState: 'new',
      requestedState: 'resolved',
      allowedNextStates: ['assess', 'closed'],
    });
    expect(await eventTypes(problem.id)).toEqual(['problem.created']);
  });

  it('refuses a stale version (409) and a change without one (428)', async () => {
    const problem = await open({ shortDescription: 'Mail relay queues' });
    expect((await patch(problem, { description: 'first' })).statusCode).toBe(200);
    const stale = await patch(problem, { description: 'second' });
    expect(stale.statusCode).toBe(409);
    const unversioned = await api.call('PATCH', `/api/v1/problems/${problem.id}`, {
      as: 'paul',
      payload: { description: 'third' },
    });
    expect(unversioned.statusCode).toBe(428);
    const current = await api.call('GET', `/api/v1/problems/${problem.id}`, { as: 'paul' });
    expect(current.json().description).toBe('first');
    expect(current.headers.etag).toBe(`W/"${current.json().version}"`);
  });

  it('returns the first problem for a retried Idempotency-Key, and refuses the key for another request', async () => {
    const headers = { 'idempotency-key': 'prb-retry-1' };
    const payload = { shortDescription: 'Badge readers reboot' };
    const first = await open(payload, 'paul', headers);
    const retry = await api.call('POST', '/api/v1/problems', { as: 'paul', payload, headers });
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(first.id);
    const other = await api.call('POST', '/api/v1/problems', {
      as: 'paul',
      payload: { shortDescription: 'Something else' },
      headers,
    });
    expect(other.statusCode).toBe(422);
    expect(await eventTypes(first.id)).toEqual(['problem.created']);
  });

  it('keeps the history of every field: who changed what from what to what', async () => {
    const problem = await open({ shortDescription: 'Disk fills on app-7' });
    await patch(problem, { assignmentGroup: 'database', cause: 'Log rotation off' });
    const history = await api.call('GET', `/api/v1/problems/${problem.id}/history`, {
      as: 'dan',
    });
    expect(history.statusCode).toBe(200);
    expect(history.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'shortDescription', operation: 'create' }),
        expect.objectContaining({
          field: 'assignmentGroup',
          oldValue: null,
          newValue: 'database',
          changedBy: 'paul',
        }),
        expect.objectContaining({ field: 'cause', newValue: 'Log rotation off' }),
      ]),
    );
  });

  it('lists by state, CI, service, category, group, known error and text, newest first, page by page', async () => {
    const ci = 'a1b2c3d4-0000-4000-8000-00000000c1c1';
    const service = 'a1b2c3d4-0000-4000-8000-00000000beef';
    const target = await open({
      shortDescription: 'Storage array latency spikes',
      category: 'storage',
      assignmentGroup: 'database',
      configurationItemId: ci,
      serviceId: service,
    });
    await open({ shortDescription: 'Storage controller firmware', category: 'storage' });
    const ids = async (query: string) =>
      (await api.call('GET', `/api/v1/problems?${query}`, { as: 'nina' }))
        .json()
        .items.map((p: { id: string }) => p.id);
    expect(await ids(`ci=${ci}`)).toEqual([target.id]);
    expect(await ids(`service=${service}`)).toEqual([target.id]);
    expect(await ids('category=storage&assignmentGroup=database')).toEqual([target.id]);
    expect(await ids('category=storage&state=new,assess')).toHaveLength(2);
    expect(await ids('category=storage&knownError=true')).toEqual([]);
    expect(await ids('q=latency%20spike')).toEqual([target.id]);
    expect(await ids(`q=${target.number.toLowerCase()}`)).toEqual([target.id]);
    const first = (await api.call('GET', '/api/v1/problems?limit=2', { as: 'nina' })).json();
    expect(first.items).toHaveLength(2);
    const next = (
      await api.call('GET', `/api/v1/problems?limit=2&cursor=${first.nextCursor}`, { as: 'nina' })
    ).json();
    expect(next.items[0].openedAt <= first.items[1].openedAt).toBe(true);
    expect(next.items.map((p: { id: string }) => p.id)).not.toContain(first.items[1].id);
  });
});
