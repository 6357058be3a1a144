import { startServiceUnderTest, testTopicPrefix, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../incident.definition';

jest.setTimeout(120_000);

/** The incident lifecycle through the API, against real PostgreSQL. */
describe('incidents, against real PostgreSQL', () => {
  let api: ServiceUnderTest;

  const eventTypes = async (id: string) =>
    (
      (await api.dataSource.query(
        'SELECT event_type FROM outbox WHERE aggregate_id = $1 ORDER BY sequence',
        [id],
      )) as Array<{ event_type: string }>
    ).map((row) => row.event_type.replace(/^itsm\.incident\./, '').replace(/\.v1$/, ''));

  const raise = async (as: string, payload: object, headers: Record<string, string> = {}) => {
    const response = await api.call('POST', '/api/v1/incidents', { as, payload, headers });
    expect(response.statusCode).toBe(201);
    return response.json();
  };
  const move = (id: string, version: number, payload: object, as = 'sam') =>
    api.call('POST', `/api/v1/incidents/${id}/transitions`, {
      as,
      payload,
      headers: { 'if-match': `W/"${version}"` },
    });
  const patch = (id: string, version: number, payload: object, as = 'sam') =>
    api.call('PATCH', `/api/v1/incidents/${id}`, {
      as,
      payload,
      headers: { 'if-match': `W/"${version}"` },
    });

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
  });
  afterAll(() => api.close());

  it('raises an incident with a human number, a priority from the matrix and SLA clocks', async () => {
    const incident = await raise('sam', {
      shortDescription: 'Checkout page times out',
      impact: 1,
      urgency: 2,
      callerId: 'alice',
      assignmentGroup: 'service-desk',
    });
    expect(incident).toMatchObject({
      number: expect.stringMatching(/^INC\d{7}$/),
      state: 'new',
      stateCode: 1,
      priority: 2,
      priorityName: 'High',
      callerId: 'alice',
      openedBy: 'sam',
      channel: 'service_desk',
      allowedNextStates: ['in_progress', 'on_hold', 'resolved', 'canceled'],
    });
    expect(incident.slas.map((s: { name: string; stage: string }) => [s.name, s.stage])).toEqual([
      ['Priority 2 response (1 hour)', 'in_progress'],
      ['Priority 2 resolution (1 business day)', 'in_progress'],
    ]);
    expect(await eventTypes(incident.id)).toEqual(['incident.created']);
    const second = await raise('alice', { shortDescription: 'Printer jam' });
    expect(Number(second.number.slice(3))).toBe(Number(incident.number.slice(3)) + 1);
    expect(second).toMatchObject({ impact: 3, urgency: 3, priority: 4, channel: 'self_service' });
  });

  it("publishes a test run's events into topics of its own, never the live itsm.* topics", async () => {
    await raise('sam', { shortDescription: 'Printer jam', impact: 3, urgency: 3 });
    const topics = (await api.dataSource.query('SELECT DISTINCT topic FROM outbox')) as Array<{
      topic: string;
    }>;
    expect(topics.length).toBeGreaterThan(0);
    for (const { topic } of topics) expect(topic).toMatch(new RegExp(`^${testTopicPrefix}itsm\\.`));
  });

  it('refuses a stale body version sent with a current If-Match, and changes nothing', async () => {
    const incident = await raise('sam', {
      shortDescription: 'VPN drops',
      impact: 3,
      urgency: 3,
      assignmentGroup: 'service-desk',
    });
    expect((await patch(incident.id, 1, { shortDescription: 'VPN drops hourly' })).statusCode).toBe(
      200,
    );
    const refused = await api.call('PATCH', `/api/v1/incidents/${incident.id}`, {
      as: 'sam',
      payload: { version: 1, shortDescription: 'VPN drops daily' },
      headers: { 'if-match': 'W/"2"' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'version' })]);
    const current = (
      await api.call('GET', `/api/v1/incidents/${incident.id}`, { as: 'sam' })
    ).json();
    expect(current).toMatchObject({ version: 2, shortDescription: 'VPN drops hourly' });
  });

  it('walks the state model, with its rules and events, and reopens by the caller', async () => {
    let incident = await raise('sam', {
      shortDescription: 'VPN drops',
      callerId: 'alice',
      assignmentGroup: 'service-desk',
      urgency: 2,
    });
    const illegal = await move(incident.id, incident.version, { to: 'closed' });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json()).toMatchObject({
      currentState: 'new',
      requestedState: 'closed',
      allowedNextStates: ['in_progress', 'on_hold', 'resolved', 'canceled'],
    });
    const noReason = await move(incident.id, incident.version, { to: 'on_hold' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0]).toMatchObject({ field: 'onHoldReason' });

    incident = (await move(incident.id, incident.version, { to: 'in_progress' })).json();
    expect(incident.acknowledgedAt).not.toBeNull();
    incident = (
      await move(incident.id, incident.version, { to: 'on_hold', onHoldReason: 'awaiting_vendor' })
    ).json();
    expect(incident.slas.every((s: { stage: string }) => s.stage !== 'in_progress')).toBe(true);
    incident = (await move(incident.id, incident.version, { to: 'in_progress' })).json();
    expect(incident.onHoldReason).toBeNull();
    const unresolved = await move(incident.id, incident.version, { to: 'resolved' });
    expect(unresolved.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'resolutionCode',
      'resolutionNotes',
    ]);
    incident = (
      await move(incident.id, incident.version, {
        to: 'resolved',
        resolutionCode: 'solved_permanently',
        resolutionNotes: 'New VPN profile pushed',
      })
    ).json();
    expect(incident).toMatchObject({ state: 'resolved', stateCode: 6 });

    // Another requester cannot reopen it (they cannot even see it); the caller can.
    expect(
      (await move(incident.id, incident.version, { to: 'in_progress', reason: 'x' }, 'bob'))
        .statusCode,
    ).toBe(404);
    incident = (
      await move(
        incident.id,
        incident.version,
        { to: 'in_progress', reason: 'Drops again' },
        'alice',
      )
    ).json();
    expect(incident).toMatchObject({ state: 'in_progress', reopenCount: 1, resolutionCode: null });
    incident = (
      await move(incident.id, incident.version, {
        to: 'resolved',
        resolutionCode: 'solved_workaround',
        resolutionNotes: 'Wired network for now',
      })
    ).json();
    incident = (await move(incident.id, incident.version, { to: 'closed' }, 'alice')).json();
    expect(incident.state).toBe('closed');
    const afterClose = await move(
      incident.id,
      incident.version,
      { to: 'in_progress', reason: 'x' },
      'alice',
    );
    expect(afterClose.statusCode).toBe(409);
    expect(afterClose.json().allowedNextStates).toEqual([]);

    expect(await eventTypes(incident.id)).toEqual([
      'incident.created',
      'incident.updated',
      'incident.state_changed',
      'incident.updated',
      'incident.state_changed',
      'incident.updated',
      'incident.state_changed',
      'incident.updated',
      'incident.state_changed',
      'incident.resolved',
      'incident.updated',
      'incident.state_changed',
      'incident.reopened',
      'incident.updated',
      'incident.state_changed',
      'incident.resolved',
      'incident.updated',
      'incident.state_changed',
      'incident.closed',
    ]);
  });

  it('recomputes the priority from impact and urgency, and lets only managers set it by hand', async () => {
    let incident = await raise('sam', {
      shortDescription: 'Mail slow',
      assignmentGroup: 'service-desk',
    });
    expect(incident.priority).toBe(4);
    incident = (await patch(incident.id, incident.version, { impact: 1, urgency: 1 })).json();
    expect(incident.priority).toBe(1);
    expect(incident.slas.map((s: { name: string; stage: string }) => [s.name, s.stage])).toEqual(
      expect.arrayContaining([
        ['Priority 4 resolution (5 business days)', 'cancelled'],
        ['Priority 1 resolution (8 hour)', 'in_progress'],
      ]),
    );
    const refused = await patch(incident.id, incident.version, { priority: 5 });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().errors[0].field).toBe('priority');
    incident = (await patch(incident.id, incident.version, { priority: 5 }, 'ivy')).json();
    expect(incident).toMatchObject({ priority: 5, priorityName: 'Planning', prioritySetBy: 'ivy' });
    expect(await eventTypes(incident.id)).toContain('incident.priority_changed');
  });

  it('announces assignment and acknowledges on the first assignee', async () => {
    let incident = await raise('sam', {
      shortDescription: 'Disk full',
      assignmentGroup: 'service-desk',
    });
    expect(incident.acknowledgedAt).toBeNull();
    incident = (
      await patch(incident.id, incident.version, { assignmentGroup: 'database', assignee: 'dan' })
    ).json();
    expect(incident.acknowledgedAt).not.toBeNull();
    const [assigned] = (await api.dataSource.query(
      `SELECT payload FROM outbox WHERE aggregate_id = $1 AND event_type LIKE '%assigned%'`,
      [incident.id],
    )) as Array<{ payload: Record<string, unknown> }>;
    expect(assigned!.payload).toMatchObject({
      fromGroup: 'service-desk',
      toGroup: 'database',
      fromAssignee: null,
      toAssignee: 'dan',
    });
    // Sam's group no longer holds it: he still sees it (he raised it) but may not change it.
    expect((await patch(incident.id, incident.version, { urgency: 1 })).statusCode).toBe(403);
    expect((await patch(incident.id, incident.version, { urgency: 1 }, 'nina')).statusCode).toBe(
      404,
    );
    expect((await patch(incident.id, incident.version, { urgency: 1 }, 'dan')).statusCode).toBe(
      200,
    );
  });

  it('keeps the impacted services when a change repeats the same CI, and drops them for another', async () => {
    const ci = '6b5a4938-2716-4a5b-8c9d-0e1f2a3b4c5d';
    const raised = await raise('sam', {
      shortDescription: 'CI probe',
      assignmentGroup: 'service-desk',
      configurationItemId: ci,
    });
    const services = [{ id: ci, name: 'Online shop', criticality: 1, depth: 0 }];
    await api.dataSource.query('UPDATE incidents SET impacted_services = $1 WHERE id = $2', [
      JSON.stringify(services),
      raised.id,
    ]);
    const same = (
      await patch(raised.id, raised.version, { configurationItemId: ci, urgency: 2 })
    ).json();
    expect(same.impactedServices).toEqual(services);
    const other = (
      await patch(raised.id, same.version, {
        configurationItemId: '00000000-0000-4000-8000-000000000001',
      })
    ).json();
    expect(other.impactedServices).toEqual([]);
  });

  it('refuses a stale or missing version and changes nothing', async () => {
    const incident = await raise('sam', {
      shortDescription: 'Stale',
      assignmentGroup: 'service-desk',
    });
    const fresh = (await patch(incident.id, incident.version, { urgency: 2 })).json();
    const stale = await patch(incident.id, incident.version, { urgency: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().currentVersion).toBe(fresh.version);
    const missing = await api.call('PATCH', `/api/v1/incidents/${incident.id}`, {
      as: 'sam',
      payload: { urgency: 1 },
    });
    expect(missing.statusCode).toBe(428);
    const now = (await api.call('GET', `/api/v1/incidents/${incident.id}`, { as: 'sam' })).json();
    expect(now).toMatchObject({ urgency: 2, version: fresh.version });
  });

  it('creates once per Idempotency-Key, and refuses the key for another request', async () => {
    const headers = { 'idempotency-key': 'retry-42' };
    const first = await raise('alice', { shortDescription: 'Laptop will not boot' }, headers);
    const retry = await api.call('POST', '/api/v1/incidents', {
      as: 'alice',
      payload: { shortDescription: 'Laptop will not boot' },
      headers,
    });
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(first.id);
    const reordered = await raise(
      'alice',
      { description: 'Smoke', shortDescription: 'Plotter smoking', category: 'hardware' },
      { 'idempotency-key': 'retry-43' },
    );
    const sameFieldsOtherOrder = await api.call('POST', '/api/v1/incidents', {
      as: 'alice',
      payload: { category: 'hardware', shortDescription: 'Plotter smoking', description: 'Smoke' },
      headers: { 'idempotency-key': 'retry-43' },
    });
    expect(sameFieldsOtherOrder.statusCode).toBe(200);
    expect(sameFieldsOtherOrder.json().id).toBe(reordered.id);
    const other = await api.call('POST', '/api/v1/incidents', {
      as: 'alice',
      payload: { shortDescription: 'Something else' },
      headers,
    });
    expect(other.statusCode).toBe(422);
    // The same key from another person is theirs alone.
    expect(
      (
        await api.call('POST', '/api/v1/incidents', {
          as: 'bob',
          payload: { shortDescription: 'Bob' },
          headers,
        })
      ).statusCode,
    ).toBe(201);
    const [{ count }] = (await api.dataSource.query(
      `SELECT count(*)::int AS count FROM incidents WHERE short_description = 'Laptop will not boot'`,
    )) as Array<{ count: number }>;
    expect(count).toBe(1);
  });

  it('keeps free tags, lower case and each once, and finds incidents having all the tags asked', async () => {
    const tagged = await raise('sam', {
      shortDescription: 'VPN drops in Frankfurt',
      assignmentGroup: 'service-desk',
      tags: ['VPN', 'emea', 'vpn'],
    });
    expect(tagged.tags).toEqual(['vpn', 'emea']);
    const other = await raise('sam', { shortDescription: 'VPN slow', tags: ['vpn'] });
    const bad = await api.call('POST', '/api/v1/incidents', {
      as: 'sam',
      payload: { shortDescription: 'Bad tag', tags: ['has space'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'tags' });
    const byRequester = await api.call('POST', '/api/v1/incidents', {
      as: 'alice',
      payload: { shortDescription: 'Tagging myself', tags: ['urgent'] },
    });
    expect(byRequester.json().errors.map((e: { field: string }) => e.field)).toEqual(['tags']);

    const both = (await api.call('GET', '/api/v1/incidents?tag=vpn,EMEA', { as: 'ivy' })).json();
    expect(both.items.map((i: { id: string }) => i.id)).toEqual([tagged.id]);
    const vpn = (await api.call('GET', '/api/v1/incidents?tag=vpn', { as: 'ivy' })).json();
    expect(vpn.items.map((i: { id: string }) => i.id)).toEqual([other.id, tagged.id]);

    const retagged = await patch(tagged.id, tagged.version, { tags: ['emea', 'network'] });
    expect(retagged.json().tags).toEqual(['emea', 'network']);
    const updated = (await api.dataSource.query(
      `SELECT payload FROM outbox WHERE aggregate_id = $1 AND event_type LIKE '%incident.updated%'
        ORDER BY sequence`,
      [tagged.id],
    )) as Array<{ payload: { changes: unknown[] } }>;
    expect(updated.at(-1)!.payload.changes).toEqual([
      { field: 'tags', oldValue: ['vpn', 'emea'], newValue: ['emea', 'network'] },
    ]);
  });

  it('creates one incident when retries with one Idempotency-Key race each other', async () => {
    const headers = { 'idempotency-key': 'race-7' };
    const payload = { shortDescription: 'Printer on fire' };
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() =>
        api.call('POST', '/api/v1/incidents', { as: 'bob', payload, headers }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    const [{ count }] = (await api.dataSource.query(
      `SELECT count(*)::int AS count FROM incidents WHERE short_description = 'Printer on fire'`,
    )) as Array<{ count: number }>;
    expect(count).toBe(1);
  });

  it('keeps work notes from requesters and records the history of every field', async () => {
    const incident = await raise('alice', { shortDescription: 'Wifi' });
    const comment = await api.call('POST', `/api/v1/incidents/${incident.id}/notes`, {
      as: 'alice',
      payload: { kind: 'comment', body: 'It started this morning' },
    });
    expect(comment.statusCode).toBe(201);
    expect(
      (
        await api.call('POST', `/api/v1/incidents/${incident.id}/notes`, {
          as: 'alice',
          payload: { kind: 'work_note', body: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    await api.call('POST', `/api/v1/incidents/${incident.id}/notes`, {
      as: 'ivy',
      payload: { kind: 'work_note', body: 'Probably the new access point' },
    });
    const asCaller = (
      await api.call('GET', `/api/v1/incidents/${incident.id}/notes`, { as: 'alice' })
    ).json();
    expect(asCaller.items.map((n: { kind: string }) => n.kind)).toEqual(['comment']);
    const asManager = (
      await api.call('GET', `/api/v1/incidents/${incident.id}/notes`, { as: 'ivy' })
    ).json();
    expect(asManager.items.map((n: { kind: string }) => n.kind)).toEqual(['comment', 'work_note']);
    // Each note announced once, with what an e-mail integration needs (the refused one not at all).
    const announced = (await api.dataSource.query(
      `SELECT payload FROM outbox WHERE aggregate_id = $1 AND event_type = 'itsm.incident.incident.note_added.v1'
        ORDER BY sequence`,
      [incident.id],
    )) as Array<{ payload: Record<string, unknown> }>;
    expect(announced.map((row) => row.payload)).toEqual([
      expect.objectContaining({
        number: incident.number,
        kind: 'comment',
        body: 'It started this morning',
        author: 'alice',
        callerId: 'alice',
      }),
      expect.objectContaining({ kind: 'work_note', author: 'ivy' }),
    ]);

    await patch(incident.id, incident.version, { impact: 2, assignmentGroup: 'network' }, 'ivy');
    const history = (
      await api.call('GET', `/api/v1/incidents/${incident.id}/history?limit=200`, { as: 'ivy' })
    ).json();
    const changed = history.items.filter(
      (line: { operation: string }) => line.operation === 'update',
    );
    expect(
      changed.map(
        (l: { field: string; oldValue: unknown; newValue: unknown; changedBy: string }) => [
          l.field,
          l.oldValue,
          l.newValue,
          l.changedBy,
        ],
      ),
    ).toEqual(
      expect.arrayContaining([
        ['impact', 3, 2, 'ivy'],
        ['assignmentGroup', 'service-desk', 'network', 'ivy'],
      ]),
    );
  });

  it('shows requesters their own incidents only, and agents those of their groups', async () => {
    const alices = await raise('alice', { shortDescription: 'Alice only' });
    const networks = await raise('sam', {
      shortDescription: 'Switch flapping',
      assignmentGroup: 'network',
    });
    const ids = async (as: string) =>
      (
        (await api.call('GET', '/api/v1/incidents?limit=200', { as })).json().items as Array<{
          id: string;
        }>
      ).map((i) => i.id);
    expect(await ids('alice')).toContain(alices.id);
    expect(await ids('bob')).not.toContain(alices.id);
    expect(await ids('nina')).toContain(networks.id);
    expect(await ids('nina')).not.toContain(alices.id);
    expect(await ids('ivy')).toEqual(expect.arrayContaining([alices.id, networks.id]));
    expect(
      (await api.call('GET', `/api/v1/incidents/${alices.id}`, { as: 'bob' })).statusCode,
    ).toBe(404);
    const refused = await api.call('POST', '/api/v1/incidents', {
      as: 'alice',
      payload: { shortDescription: 'x', impact: 1, assignmentGroup: 'network', callerId: 'bob' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'impact',
      'assignmentGroup',
      'callerId',
    ]);
  });

  it('filters and pages the list', async () => {
    for (let i = 0; i < 5; i++) {
      await raise('sam', {
        shortDescription: `Paging probe ${i}`,
        assignmentGroup: 'database',
        urgency: 1,
        impact: 1,
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ shortDescription: string }>; nextCursor: string | null } = (
        await api.call(
          'GET',
          `/api/v1/incidents?q=paging%20probe&assignmentGroup=database&priority=1&state=new&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          { as: 'ivy' },
        )
      ).json();
      seen.push(...page.items.map((i) => i.shortDescription));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([4, 3, 2, 1, 0].map((i) => `Paging probe ${i}`));
    const bad = await api.call('GET', '/api/v1/incidents?state=open', { as: 'ivy' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('state');
  });

  it('resolves the children of a parent with it, and leaves closing them to their callers', async () => {
    const parent = await raise('sam', {
      shortDescription: 'Mail down',
      assignmentGroup: 'service-desk',
    });
    const children = [];
    for (const caller of ['alice', 'bob']) {
      children.push(
        await raise('sam', {
          shortDescription: `No mail for ${caller}`,
          callerId: caller,
          assignmentGroup: 'service-desk',
          parentId: parent.id,
        }),
      );
    }
    const listed = (
      await api.call('GET', `/api/v1/incidents?parentId=${parent.id}`, { as: 'ivy' })
    ).json();
    expect(listed.items.map((i: { id: string }) => i.id).sort()).toEqual(
      children.map((c) => c.id).sort(),
    );
    const resolved = (
      await move(parent.id, parent.version, {
        to: 'resolved',
        resolutionCode: 'solved_permanently',
        resolutionNotes: 'Mail relay restarted',
      })
    ).json();
    for (const child of children) {
      const now = (await api.call('GET', `/api/v1/incidents/${child.id}`, { as: 'ivy' })).json();
      expect(now).toMatchObject({
        state: 'resolved',
        resolutionCode: 'solved_permanently',
        resolutionNotes: expect.stringContaining(parent.number),
      });
    }
    // Closing the parent leaves the children to their callers (and to auto-close).
    await move(parent.id, resolved.version, { to: 'closed' });
    const child = (
      await api.call('GET', `/api/v1/incidents/${children[0].id}`, { as: 'alice' })
    ).json();
    expect(child.state).toBe('resolved');
    const unknownParent = await api.call('POST', '/api/v1/incidents', {
      as: 'sam',
      payload: { shortDescription: 'Orphan', parentId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknownParent.statusCode).toBe(400);
    expect(unknownParent.json().errors[0].field).toBe('parentId');
  });

  it('declares a major incident by hand and keeps its communication log', async () => {
    const incident = await raise('sam', {
      shortDescription: 'Payroll down',
      assignmentGroup: 'service-desk',
      impact: 1,
      urgency: 1,
    });
    const notMajor = await api.call('POST', `/api/v1/incidents/${incident.id}/communications`, {
      as: 'ivy',
      payload: { audience: 'customers', message: 'Looking into it' },
    });
    expect(notMajor.statusCode).toBe(409);
    expect(
      (
        await api.call('POST', `/api/v1/incidents/${incident.id}/major`, {
          as: 'sam',
          payload: { reason: 'x', version: incident.version },
        })
      ).statusCode,
    ).toBe(403);
    const major = await api.call('POST', `/api/v1/incidents/${incident.id}/major`, {
      as: 'ivy',
      payload: { reason: 'Nobody is paid today', version: incident.version },
    });
    expect(major.json()).toMatchObject({
      major: true,
      majorDeclaredBy: 'ivy',
      majorReason: 'Nobody is paid today',
    });
    const logged = await api.call('POST', `/api/v1/incidents/${incident.id}/communications`, {
      as: 'ivy',
      payload: { audience: 'customers', message: 'Payroll is delayed; next update 10:30' },
    });
    expect(logged.statusCode).toBe(201);
    expect(await eventTypes(incident.id)).toEqual(
      expect.arrayContaining(['major_incident.declared', 'major_incident.communication_logged']),
    );
  });

  it('reports backlog, times to acknowledge and resolve, SLA attainment and reopen rate', async () => {
    const figures = await api.call('GET', '/api/v1/incident-metrics', { as: 'ivy' });
    expect(figures.statusCode).toBe(200);
    const body = figures.json();
    expect(body.backlog).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ priority: 1, assignmentGroup: 'database', count: 5 }),
      ]),
    );
    expect(body.meanTimeToAcknowledgeSeconds).toBeGreaterThanOrEqual(0);
    expect(body.meanTimeToResolveSeconds).toBeGreaterThanOrEqual(0);
    // Resolved so far: the VPN incident (reopened once), the mail outage and its two children.
    expect(body.reopenRate).toBeCloseTo(1 / 4, 5);
    expect((await api.call('GET', '/api/v1/incident-metrics', { as: 'alice' })).statusCode).toBe(
      403,
    );
  });
});
