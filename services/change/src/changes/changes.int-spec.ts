import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../change.definition';

jest.setTimeout(120_000);

const CI = '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const OTHER_CI = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const plans = {
  justification: 'Security fix CVE-2026-0001',
  implementationPlan: 'Upgrade the packages, restart',
  backoutPlan: 'Reinstall the previous packages',
  testPlan: 'Run the smoke tests',
  plannedStart: '2026-12-05T22:00:00Z',
  plannedEnd: '2026-12-05T23:00:00Z',
  affectedCiIds: [CI],
};

/** The change lifecycle through the API, against real PostgreSQL. */
describe('changes, against real PostgreSQL', () => {
  let api: ServiceUnderTest;

  const eventTypes = async (id: string) =>
    (
      (await api.dataSource.query(
        'SELECT event_type FROM outbox WHERE aggregate_id = $1 ORDER BY sequence',
        [id],
      )) as Array<{ event_type: string }>
    ).map((row) => row.event_type.replace(/^itsm\.change\.change\./, '').replace(/\.v1$/, ''));
  const raise = async (payload: object, as = 'nina', headers: Record<string, string> = {}) => {
    const response = await api.call('POST', '/api/v1/changes', { as, payload, headers });
    expect(response.statusCode).toBe(201);
    return response.json();
  };
  const move = (change: { id: string; version: number }, payload: object, as = 'nina') =>
    api.call('POST', `/api/v1/changes/${change.id}/transitions`, {
      as,
      payload,
      headers: { 'if-match': `W/"${change.version}"` },
    });
  const patch = (change: { id: string; version: number }, payload: object, as = 'nina') =>
    api.call('PATCH', `/api/v1/changes/${change.id}`, {
      as,
      payload,
      headers: { 'if-match': `W/"${change.version}"` },
    });

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
  });
  afterAll(() => api.close());

  it('moves a scheduled change keeping its approval; freezes its CIs, and its window in Implement', async () => {
    let change = await raise({
      type: 'normal',
      shortDescription: 'Patch, then move',
      assignmentGroup: 'network',
      ...plans,
      // Its own window: no other change of this file meets it.
      plannedStart: '2027-06-05T22:00:00Z',
      plannedEnd: '2027-06-05T23:00:00Z',
    });
    change = (await move(change, { to: 'assess' })).json();
    change = (await move(change, { to: 'authorize' }, 'chloe')).json();
    for (const member of ['carl', 'cora']) {
      await api.call('POST', `/api/v1/changes/${change.id}/approvals`, {
        as: member,
        payload: { decision: 'approved', comment: 'Plans are sound' },
      });
    }
    change = (await api.call('GET', `/api/v1/changes/${change.id}`, { as: 'nina' })).json();
    change = (await move(change, { to: 'scheduled' })).json();
    expect(change).toMatchObject({ state: 'scheduled', approval: 'approved' });

    const moved = await patch(change, {
      plannedStart: '2027-06-06T22:00:00Z',
      plannedEnd: '2027-06-06T23:30:00Z',
    });
    expect(moved.statusCode).toBe(200);
    change = moved.json();
    expect(change).toMatchObject({ plannedEnd: '2027-06-06T23:30:00.000Z', approval: 'approved' });
    const rescoped = await patch(change, { affectedCiIds: [CI, OTHER_CI] });
    expect(rescoped.statusCode).toBe(409);
    expect(rescoped.json()).toMatchObject({
      type: expect.stringContaining('change-scope-frozen'),
      currentState: 'scheduled',
      fields: ['affectedCiIds'],
      detail: expect.stringContaining('raise a new change'),
    });
    // The same CIs sent again change nothing, and are no edit of the scope.
    expect((await patch(change, { affectedCiIds: [CI], description: 'v2' })).statusCode).toBe(200);

    change = (await api.call('GET', `/api/v1/changes/${change.id}`, { as: 'nina' })).json();
    change = (await move(change, { to: 'implement' })).json();
    const widened = await patch(change, { plannedEnd: '2027-07-06T23:30:00Z' });
    expect(widened.statusCode).toBe(409);
    expect(widened.json()).toMatchObject({
      type: expect.stringContaining('change-window-frozen'),
      currentState: 'implement',
      fields: ['plannedEnd'],
    });
    expect((await patch(change, { affectedCiIds: [OTHER_CI] })).json().type).toContain(
      'change-scope-frozen',
    );
    expect((await patch(change, { description: 'still editable' })).statusCode).toBe(200);
  });

  it('declares the 409s of PATCH and transitions, the conflicts included', async () => {
    const { paths } = (await api.call('GET', '/api/v1/openapi.json')).json();
    const answers = [
      paths['/api/v1/changes/{id}'].patch.responses['409'],
      paths['/api/v1/changes/{id}/transitions'].post.responses['409'],
    ];
    for (const answer of answers) {
      expect(answer.description).toContain('change-conflict');
      const [, members] = answer.content['application/problem+json'].schema.allOf;
      expect(members.properties.conflicts.items).toEqual({
        $ref: '#/components/schemas/ConflictResponse',
      });
    }
    expect(answers[0].description).toMatch(/change-scope-frozen.*change-window-frozen/s);
  });

  it('declares the members every 409 of PATCH and transitions carries', async () => {
    const { paths } = (await api.call('GET', '/api/v1/openapi.json')).json();
    for (const operation of [
      paths['/api/v1/changes/{id}'].patch,
      paths['/api/v1/changes/{id}/transitions'].post,
    ]) {
      const [, members] =
        operation.responses['409'].content['application/problem+json'].schema.allOf;
      expect(Object.keys(members.properties)).toEqual(
        expect.arrayContaining([
          'currentState',
          'requestedState',
          'allowedNextStates',
          'approval',
          'currentVersion',
        ]),
      );
    }
  });

  it('raises a normal change in New with a human number, and announces it', async () => {
    const change = await raise({
      type: 'normal',
      shortDescription: 'Upgrade PostgreSQL on db-checkout-01',
      assignmentGroup: 'network',
      requestedBy: 'alice',
    });
    expect(change).toMatchObject({
      number: expect.stringMatching(/^CHG\d{7}$/),
      type: 'normal',
      state: 'new',
      stateCode: -5,
      allowedNextStates: ['assess', 'canceled'],
      requestedBy: 'alice',
      openedBy: 'nina',
      risk: null,
      templateId: null,
    });
    expect(await eventTypes(change.id)).toEqual(['created']);
  });

  it('refuses a window that ends before it starts, naming both fields, and writes nothing', async () => {
    const before = await api.dataSource.query('SELECT count(*)::int AS n FROM changes');
    const response = await api.call('POST', '/api/v1/changes', {
      as: 'nina',
      payload: {
        type: 'normal',
        shortDescription: 'Backwards',
        assignmentGroup: 'network',
        plannedStart: '2026-12-05T23:00:00Z',
        plannedEnd: '2026-12-05T22:00:00Z',
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'plannedStart',
      'plannedEnd',
    ]);
    expect(await api.dataSource.query('SELECT count(*)::int AS n FROM changes')).toEqual(before);
  });

  it('takes a normal change to Closed: a change manager accepts the assessment, the CAB approves', async () => {
    let change = await raise({
      type: 'normal',
      shortDescription: 'Patch',
      assignmentGroup: 'network',
    });
    const early = await move(change, { to: 'assess' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ type: expect.stringContaining('change-incomplete') });
    expect(early.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'justification',
      'implementationPlan',
      'affectedCiIds',
      'plannedStart',
      'plannedEnd',
    ]);
    change = (await patch(change, plans)).json();
    change = (await move(change, { to: 'assess' })).json();
    expect(change.state).toBe('assess');
    const byAgent = await move(change, { to: 'authorize' });
    expect(byAgent.statusCode).toBe(403);
    change = (await move(change, { to: 'authorize' }, 'chloe')).json();
    const unapproved = await move(change, { to: 'scheduled' }, 'chloe');
    expect(unapproved.statusCode).toBe(409);
    expect(unapproved.json().type).toContain('approval-required');
    for (const member of ['carl', 'cora']) {
      const vote = await api.call('POST', `/api/v1/changes/${change.id}/approvals`, {
        as: member,
        payload: { decision: 'approved', comment: 'Plans are sound' },
      });
      expect(vote.statusCode).toBe(201);
    }
    change = (await api.call('GET', `/api/v1/changes/${change.id}`, { as: 'nina' })).json();
    expect(change.approval).toBe('approved');
    change = (await move(change, { to: 'scheduled' })).json();
    change = (await move(change, { to: 'implement' })).json();
    expect(change.actualStart).not.toBeNull();
    change = (await move(change, { to: 'review' })).json();
    const noCode = await move(change, { to: 'closed' });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'closeCode',
      'closeNotes',
    ]);
    const wrongCode = await move(change, { to: 'closed', closeCode: 'great', closeNotes: 'x' });
    expect(wrongCode.statusCode).toBe(400);
    expect(wrongCode.json().errors).toEqual([
      expect.objectContaining({
        field: 'closeCode',
        allowed: ['successful', 'successful_with_issues', 'unsuccessful'],
      }),
    ]);
    change = (
      await move(change, { to: 'closed', closeCode: 'successful', closeNotes: 'All good' })
    ).json();
    expect(change).toMatchObject({ state: 'closed', stateCode: 3, closeCode: 'successful' });
    expect(change.closedAt).not.toBeNull();
    const after = await patch(change, { description: 'late' });
    expect(after.statusCode).toBe(409);
    const events = await eventTypes(change.id);
    expect(events.filter((e) => e === 'state_changed')).toHaveLength(6);
    const [closing] = (await api.dataSource.query(
      `SELECT payload FROM outbox WHERE aggregate_id = $1 AND event_type LIKE '%state_changed%'
        ORDER BY sequence DESC LIMIT 1`,
      [change.id],
    )) as Array<{ payload: { reason: string; toState: string } }>;
    expect(closing!.payload).toMatchObject({ toState: 'closed', reason: 'successful' });
  });

  it('answers an illegal move with 409 naming the current state and the allowed ones', async () => {
    const change = await raise({
      type: 'emergency',
      shortDescription: 'Hotfix',
      assignmentGroup: 'network',
      ...plans,
    });
    const response = await move(change, { to: 'assess' });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      currentState: 'new',
      requestedState: 'assess',
      allowedNextStates: ['authorize', 'canceled'],
    });
    const authorised = (await move(change, { to: 'authorize' })).json();
    expect(authorised.state).toBe('authorize');
  });

  it('cancels with a reason, and keeps a required field while its state needs it', async () => {
    let change = await raise({
      type: 'normal',
      shortDescription: 'Move rack',
      assignmentGroup: 'network',
      ...plans,
    });
    change = (await move(change, { to: 'assess' })).json();
    const cleared = await patch(change, { justification: null });
    expect(cleared.statusCode).toBe(400);
    expect(cleared.json().errors[0].field).toBe('justification');
    expect((await move(change, { to: 'canceled' })).statusCode).toBe(400);
    change = (await move(change, { to: 'canceled', reason: 'Rack stays' })).json();
    expect(change).toMatchObject({ state: 'canceled', stateCode: 4, cancelReason: 'Rack stays' });
  });

  it('keeps the history of every field, with who and when', async () => {
    let change = await raise({
      type: 'normal',
      shortDescription: 'Firmware',
      assignmentGroup: 'network',
    });
    change = (await patch(change, { assignee: 'nina', description: 'v2' })).json();
    const history = await api.call('GET', `/api/v1/changes/${change.id}/history?limit=200`, {
      as: 'nina',
    });
    expect(history.statusCode).toBe(200);
    const lines = history.json().items as Array<{
      field: string;
      operation: string;
      newValue: unknown;
      changedBy: string;
    }>;
    expect(lines.find((l) => l.field === 'shortDescription')).toMatchObject({
      operation: 'create',
      newValue: 'Firmware',
    });
    expect(lines.find((l) => l.field === 'assignee' && l.operation === 'update')).toMatchObject({
      newValue: 'nina',
      changedBy: 'nina',
    });
    expect(await eventTypes(change.id)).toEqual(['created', 'updated']);
  });

  it('answers a retry with the same Idempotency-Key with the first change, and refuses another body', async () => {
    const payload = { type: 'normal', shortDescription: 'Once', assignmentGroup: 'network' };
    const headers = { 'idempotency-key': `key-${Date.now()}` };
    const first = await raise(payload, 'nina', headers);
    const retry = await api.call('POST', '/api/v1/changes', { as: 'nina', payload, headers });
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(first.id);
    const other = await api.call('POST', '/api/v1/changes', {
      as: 'nina',
      payload: { ...payload, shortDescription: 'Twice' },
      headers,
    });
    expect(other.statusCode).toBe(422);
  });

  it('refuses a stale version with 409 and a missing one with 428', async () => {
    const change = await raise({
      type: 'normal',
      shortDescription: 'Stale',
      assignmentGroup: 'network',
    });
    expect((await patch(change, { description: 'a' })).statusCode).toBe(200);
    expect((await patch(change, { description: 'b' })).statusCode).toBe(409);
    const none = await api.call('PATCH', `/api/v1/changes/${change.id}`, {
      as: 'nina',
      payload: { description: 'c' },
    });
    expect(none.statusCode).toBe(428);
  });

  it('lists by state, type, CI, group, planned window and text, page by page', async () => {
    const tagged = `Filter-${Date.now()}`;
    const a = await raise({
      type: 'normal',
      shortDescription: `${tagged} a`,
      assignmentGroup: 'network',
      ...plans,
    });
    const b = await raise(
      {
        type: 'emergency',
        shortDescription: `${tagged} b`,
        assignmentGroup: 'database',
        affectedCiIds: [OTHER_CI],
        plannedStart: '2026-12-07T01:00:00Z',
        plannedEnd: '2026-12-07T02:00:00Z',
      },
      'chloe',
    );
    const ids = async (query: string) =>
      (await api.call('GET', `/api/v1/changes?q=${tagged}&${query}`, { as: 'dan' }))
        .json()
        .items.map((c: { id: string }) => c.id);
    expect(await ids('')).toEqual([b.id, a.id]);
    expect(await ids('type=emergency')).toEqual([b.id]);
    expect(await ids(`ci=${CI}`)).toEqual([a.id]);
    expect(await ids('assignmentGroup=database')).toEqual([b.id]);
    expect(await ids('state=new,assess')).toEqual([b.id, a.id]);
    expect(await ids('state=closed')).toEqual([]);
    expect(await ids('windowFrom=2026-12-05T22:30:00Z&windowTo=2026-12-06T00:00:00Z')).toEqual([
      a.id,
    ]);
    expect(await ids('risk=high')).toEqual([]);
    const first = (
      await api.call('GET', `/api/v1/changes?q=${tagged}&limit=1`, { as: 'dan' })
    ).json();
    expect(first.items.map((c: { id: string }) => c.id)).toEqual([b.id]);
    const second = (
      await api.call('GET', `/api/v1/changes?q=${tagged}&limit=1&cursor=${first.nextCursor}`, {
        as: 'dan',
      })
    ).json();
    expect(second.items.map((c: { id: string }) => c.id)).toEqual([a.id]);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a group or requester longer than a stored one can be, naming the field', async () => {
    const long = 'g'.repeat(129);
    const response = await api.call(
      'GET',
      `/api/v1/changes?assignmentGroup=${long}&requestedBy=${long}`,
      { as: 'dan' },
    );
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
    ).toEqual(['assignmentGroup', 'requestedBy']);
  });

  it('refuses a short description or a group of white space alone, naming each, and raises nothing', async () => {
    const refused = await api.call('POST', '/api/v1/changes', {
      as: 'nina',
      payload: { type: 'normal', shortDescription: ' \t ', assignmentGroup: '\n' },
    });
    expect(refused.statusCode).toBe(400);
    expect(
      refused
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
    ).toEqual(['assignmentGroup', 'shortDescription']);
    const listed = await api.call('GET', '/api/v1/changes?q=%20%09', { as: 'dan' });
    expect(listed.statusCode).toBe(200);
  });
});
