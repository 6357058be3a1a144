import type { Principal } from '@itsm/auth';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../catalog.definition';
import type { ListApprovalsQuery } from './approval.dto';
import { approvalsListQuery } from './approvals-list-query';

jest.setTimeout(120_000);

const item = (name: string, approval: object, orderableBy?: string[]) => ({
  name,
  shortDescription: name,
  variables: [],
  plan: [{ stage: 1, shortDescription: `Deliver ${name}`, assignmentGroup: 'service-desk' }],
  approval,
  ...(orderableBy && { orderableBy }),
});

interface Approval {
  id: string;
  number: string;
  state: string;
  decisions: Array<{ approver: string; decision: string }>;
}

/** Deciding requested items' approvals, and ordering on somebody's behalf, against real PostgreSQL. */
describe('approvals of requested items', () => {
  let api: ServiceUnderTest;
  const items: Record<string, { id: string }> = {};

  const publish = async (payload: object) => {
    const created = (
      await api.call('POST', '/api/v1/catalog-items', { as: 'kate', payload })
    ).json();
    return (
      await api.call('POST', `/api/v1/catalog-items/${created.id}/publish`, {
        as: 'kate',
        headers: { 'if-match': `W/"${created.version}"` },
      })
    ).json();
  };
  const submit = (as: string, catalogItemId: string, requestedFor?: string) =>
    api.call('POST', '/api/v1/requests', {
      as,
      payload: { items: [{ catalogItemId }], ...(requestedFor && { requestedFor }) },
    });
  const decide = (approval: { id: string }, verb: 'approve' | 'reject', as: string) =>
    api.call('POST', `/api/v1/approvals/${approval.id}/${verb}`, {
      as,
      payload: { comment: `${as} says ${verb}` },
    });
  const queue = async (as: string): Promise<Approval[]> =>
    (await api.call('GET', '/api/v1/approvals?mine', { as })).json().items;
  const approvalOf = async (requestedItemNumber: string, as = 'kate') =>
    ((await api.call('GET', '/api/v1/approvals', { as })).json().items as Approval[]).find(
      (a) => a.number === requestedItemNumber,
    )!;
  const requestOf = async (id: string, as = 'kate') =>
    (await api.call('GET', `/api/v1/requests/${id}`, { as })).json();
  const eventsOf = async (number: string) =>
    (
      (await api.dataSource.query(
        `SELECT event_type, payload FROM outbox WHERE payload->>'number' = $1 ORDER BY sequence`,
        [number],
      )) as Array<{ event_type: string; payload: { toState?: string; outcome?: string } }>
    ).map(({ event_type: type, payload }) =>
      [
        type.replace(/^itsm\.catalog\.requested_item\.|\.v1$/g, ''),
        payload.toState ?? payload.outcome ?? '',
      ]
        .join(' ')
        .trim(),
    );

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    items.laptop = await publish(item('Laptop', { kind: 'manager' }));
    items.firewall = await publish(
      item('Firewall rule', { kind: 'group', group: 'cab', quorum: 2 }),
    );
    items.router = await publish(item('Router', { kind: 'none' }, ['network']));
    for (const [user, managerId, groups] of [
      ['alice', 'bob', []],
      ['dan', 'ivy', ['network']],
    ] as const) {
      const put = await api.call('PUT', `/api/v1/people/${user}`, {
        as: 'kate',
        payload: { managerId, groups },
      });
      expect(put.statusCode).toBe(201);
    }
  });
  afterAll(() => api.close());

  it("waits for the requester's manager, and starts fulfilment once they approve", async () => {
    const submitted = (await submit('alice', items.laptop!.id)).json();
    const [ritm] = submitted.items;
    expect(submitted.state).toBe('requested');
    expect(ritm).toMatchObject({ state: 'pending_approval', tasks: [] });

    const bobs = await queue('bob');
    expect(bobs.map((a) => a.number)).toEqual([ritm.number]);
    expect(await queue('nina')).toEqual([]);
    const approval = bobs[0]!;
    expect((await decide(approval, 'approve', 'nina')).statusCode).toBe(404);
    expect((await decide(approval, 'approve', 'kate')).statusCode).toBe(403);
    const approved = await decide(approval, 'approve', 'bob');
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      state: 'approved',
      decisions: [{ approver: 'bob', decision: 'approved', comment: 'bob says approve' }],
    });
    expect((await decide(approval, 'approve', 'bob')).statusCode).toBe(409);
    expect(await queue('bob')).toEqual([]);

    const request = await requestOf(submitted.id, 'alice');
    expect(request).toMatchObject({
      state: 'in_process',
      items: [{ state: 'in_fulfilment', tasks: [{ stage: 1, state: 'open' }] }],
    });
    expect(await eventsOf(ritm.number)).toEqual([
      'created',
      'state_changed pending_approval',
      'approval_requested',
      'approval_recorded',
      'approval_decided approved',
      'state_changed approved',
      'state_changed in_fulfilment',
    ]);
  });

  it("approves a group's item at its quorum, each member once", async () => {
    const submitted = (await submit('alice', items.firewall!.id)).json();
    const approval = (await queue('carl')).find((a) => a.number === submitted.items[0].number)!;
    expect((await decide(approval, 'approve', 'carl')).json().state).toBe('requested');
    expect((await decide(approval, 'approve', 'carl')).statusCode).toBe(409);
    expect((await requestOf(submitted.id)).items[0].state).toBe('pending_approval');
    expect((await decide(approval, 'approve', 'cora')).json().state).toBe('approved');
    expect((await requestOf(submitted.id)).items[0]).toMatchObject({
      state: 'in_fulfilment',
      tasks: [{ state: 'open' }],
    });
  });

  it('refuses a decision by the person the request is by or for, even as a member of the group', async () => {
    const exception = await publish(
      item('Freeze exception', { kind: 'group', group: 'cab', quorum: 1 }),
    );
    const own = (await submit('carl', exception.id)).json();
    expect((await queue('carl')).map((a) => a.number)).not.toContain(own.items[0].number);
    const approval = await approvalOf(own.items[0].number);
    const refused = await decide(approval, 'approve', 'carl');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      type: expect.stringMatching(/\/self-approval$/),
      detail: expect.stringContaining('requested for you'),
    });
    expect((await requestOf(own.id)).items[0].state).toBe('pending_approval');
    expect((await decide(approval, 'approve', 'cora')).json().state).toBe('approved');

    const deskMove = await publish(
      item('Desk move', { kind: 'group', group: 'service-desk', quorum: 1 }),
    );
    const onBehalf = (await submit('sam', deskMove.id, 'alice')).json();
    const deskApproval = await approvalOf(onBehalf.items[0].number);
    const bySam = await decide(deskApproval, 'approve', 'sam');
    expect(bySam.statusCode).toBe(403);
    expect(bySam.json().detail).toContain('requested by you');
    expect((await decide(deskApproval, 'approve', 'ivy')).json().state).toBe('approved');
  });

  it('rejects the item on any rejection, and the request follows', async () => {
    const submitted = (await submit('alice', items.firewall!.id)).json();
    const approval = await approvalOf(submitted.items[0].number);
    expect((await decide(approval, 'approve', 'cora')).statusCode).toBe(200);
    expect((await decide(approval, 'reject', 'carl')).json().state).toBe('rejected');
    const request = await requestOf(submitted.id);
    expect(request).toMatchObject({ state: 'closed_rejected', items: [{ state: 'rejected' }] });
    expect(request.closedAt).not.toBeNull();
    expect((await decide(approval, 'approve', 'chloe')).statusCode).toBe(409);
  });

  it('shows its requester who the item waits for, and then who decided what and why', async () => {
    const submitted = (await submit('alice', items.firewall!.id)).json();
    expect(submitted.items[0].approval).toMatchObject({
      kind: 'group',
      approver: null,
      group: 'cab',
      quorum: 2,
      state: 'requested',
      decidedAt: null,
      decisions: [],
    });
    const approval = await approvalOf(submitted.items[0].number);
    await decide(approval, 'approve', 'cora');
    await decide(approval, 'reject', 'carl');
    const seen = await requestOf(submitted.id, 'alice');
    expect(seen.items[0].approval).toMatchObject({
      state: 'rejected',
      decidedAt: expect.any(String),
      decisions: [
        { approver: 'cora', decision: 'approved', comment: 'cora says approve' },
        { approver: 'carl', decision: 'rejected', comment: 'carl says reject' },
      ],
    });
    expect(Date.parse(seen.items[0].approval.decisions[1].decidedAt)).not.toBeNaN();
    const listed = (await api.call('GET', '/api/v1/requests', { as: 'alice' })).json().items;
    expect(listed.find((r: { id: string }) => r.id === submitted.id).items[0].approval).toEqual(
      seen.items[0].approval,
    );
    const stapler = await publish(item('Stapler', { kind: 'none' }));
    expect((await submit('alice', stapler.id)).json().items[0].approval).toBeNull();
  });

  it('keeps a request cancelled when its approval arrives afterwards', async () => {
    const submitted = (await submit('alice', items.laptop!.id)).json();
    const cancelled = await api.call('POST', `/api/v1/requests/${submitted.id}/cancel`, {
      as: 'alice',
      payload: { version: submitted.version },
    });
    expect(cancelled.json().state).toBe('closed_cancelled');
    const approval = await approvalOf(submitted.items[0].number);
    expect(approval.state).toBe('cancelled');
    const late = await decide(approval, 'approve', 'bob');
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ currentState: 'cancelled' });
    expect((await requestOf(submitted.id)).state).toBe('closed_cancelled');
    expect(await eventsOf(submitted.items[0].number)).toContain('approval_decided cancelled');
  });

  it('refuses at submission an item needing a manager when the person has none, writing nothing', async () => {
    const [before] = await api.dataSource.query('SELECT count(*)::int AS n FROM requests');
    const refused = await submit('bob', items.laptop!.id);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      rule: 'manager',
      errors: [
        { field: 'items.0.catalogItemId', message: expect.stringContaining('manager of bob') },
      ],
    });
    const [after] = await api.dataSource.query('SELECT count(*)::int AS n FROM requests');
    expect(after.n).toBe(before.n);
  });

  it('documents both 422 answers of a submission: approval impossible, and a reused Idempotency-Key', async () => {
    const document = (await api.call('GET', '/api/v1/openapi.json')).json();
    const { description } = document.paths['/api/v1/requests'].post.responses['422'];
    expect(description).toContain('Idempotency-Key was used for a different request');
    expect(description).toContain('approval-impossible');
  });

  it('refuses bad input with a 400 naming the field, and writes nothing', async () => {
    const count = async () =>
      (
        await api.dataSource.query(
          `SELECT (SELECT count(*) FROM approval_decisions)::int AS decisions,
                  (SELECT count(*) FROM people)::int AS people,
                  (SELECT count(*) FROM requests)::int AS requests`,
        )
      )[0];
    const before = await count();
    const submitted = (await submit('alice', items.laptop!.id)).json();
    const approval = await approvalOf(submitted.items[0].number);
    const after = await count();
    const fieldsOf = async (response: ReturnType<ServiceUnderTest['call']>) => {
      const answer = await response;
      expect(answer.statusCode).toBe(400);
      const { errors } = answer.json() as { errors: Array<{ field: string }> };
      return [...new Set(errors.map((e) => e.field))];
    };
    expect(
      await fieldsOf(
        api.call('POST', `/api/v1/approvals/${approval.id}/approve`, { as: 'bob', payload: {} }),
      ),
    ).toEqual(['comment']);
    expect(
      await fieldsOf(
        api.call('POST', `/api/v1/approvals/${approval.id}/reject`, {
          as: 'bob',
          payload: { comment: '' },
        }),
      ),
    ).toEqual(['comment']);
    for (const payload of [
      { managerId: 'has space', groups: [] },
      { managerId: 'carl', groups: [''] },
      { managerId: 'carl' },
    ]) {
      const fields = await fieldsOf(
        api.call('PUT', '/api/v1/people/carl', { as: 'kate', payload }),
      );
      expect(fields.length).toBe(1);
      expect(fields[0]).toMatch(/^(managerId|groups)/);
    }
    expect(
      await fieldsOf(
        api.call('PUT', '/api/v1/people/carl', {
          as: 'kate',
          payload: { managerId: 'carl', groups: [] },
        }),
      ),
    ).toEqual(['managerId']);
    expect(await fieldsOf(api.call('GET', '/api/v1/people/no%20body', { as: 'kate' }))).toEqual([
      'user',
    ]);
    expect(await fieldsOf(api.call('GET', '/api/v1/approvals?mine=maybe', { as: 'bob' }))).toEqual([
      'mine',
    ]);
    expect(
      await fieldsOf(
        api.call('POST', '/api/v1/requests', {
          as: 'sam',
          payload: { items: [{ catalogItemId: items.laptop!.id }], requestedFor: 'not a user' },
        }),
      ),
    ).toEqual(['requestedFor']);
    expect(await count()).toEqual({ ...after, requests: before.requests + 1 });
    expect(
      (await api.call('GET', `/api/v1/approvals/${approval.id}`, { as: 'bob' })).json(),
    ).toMatchObject({
      state: 'requested',
      decisions: [],
    });
  });

  it('pages the approvals list through indexes in every state, not by sorting the whole table', async () => {
    const planOf = async (caller: Pick<Principal, 'id' | 'roles' | 'groups'>) => {
      const [sql, params] = approvalsListQuery(
        api.dataSource.manager,
        { limit: 20 } as ListApprovalsQuery,
        { kind: 'user', ...caller },
      ).getQueryAndParameters();
      // A handful of rows make a sequential scan the cheapest plan: forbidding it asks whether an
      // index can answer the list at all.
      return api.dataSource.transaction(async (manager) => {
        await manager.query('SET LOCAL enable_seqscan = off');
        const plan = (await manager.query(`EXPLAIN ${sql}`, params)) as Array<{
          'QUERY PLAN': string;
        }>;
        return plan.map((row) => row['QUERY PLAN']).join('\n');
      });
    };
    const everything = await planOf({
      id: 'kate',
      roles: new Set(['catalog_manager']),
      groups: new Set(),
    });
    expect(everything).toMatch(/Index Scan Backward using approval_newest/);
    expect(everything).not.toMatch(/Sort/);
    const theirs = await planOf({
      id: 'carl',
      roles: new Set(['agent']),
      groups: new Set(['cab']),
    });
    expect(theirs).toContain('approval_of_approver');
    expect(theirs).toContain('approval_of_group');
  });

  describe('ordering on behalf', () => {
    it('lets the service desk order for somebody, whose manager approves and who sees it as theirs', async () => {
      const submitted = await submit('sam', items.laptop!.id, 'alice');
      expect(submitted.statusCode).toBe(201);
      const request = submitted.json();
      expect(request).toMatchObject({ requestedBy: 'sam', requestedFor: 'alice' });
      expect(request.items[0].requestedFor).toBe('alice');
      expect((await queue('bob')).map((a) => a.number)).toContain(request.items[0].number);
      for (const viewer of ['alice', 'sam']) {
        expect(
          (await api.call('GET', `/api/v1/requests/${request.id}`, { as: viewer })).statusCode,
        ).toBe(200);
        const listed = (await api.call('GET', '/api/v1/requests', { as: viewer })).json();
        expect(listed.items.map((r: { id: string }) => r.id)).toContain(request.id);
      }
      expect(
        (await api.call('GET', `/api/v1/requests/${request.id}`, { as: 'nina' })).statusCode,
      ).toBe(404);
    });

    it('lets the person a request is for cancel it, as the one who opened it may', async () => {
      const request = (await submit('sam', items.laptop!.id, 'alice')).json();
      const cancelled = await api.call('POST', `/api/v1/requests/${request.id}/cancel`, {
        as: 'alice',
        payload: { version: request.version },
      });
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json().state).toBe('closed_cancelled');
    });

    it('checks the audience against the person it is for', async () => {
      const forAlice = await submit('sam', items.router!.id, 'alice');
      expect(forAlice.statusCode).toBe(400);
      expect(forAlice.json().errors).toEqual([
        { field: 'items.0.catalogItemId', message: 'no catalog item alice may order' },
      ]);
      expect((await submit('sam', items.router!.id, 'dan')).statusCode).toBe(201);
      // Nina may order the router for herself, not for alice.
      expect((await submit('nina', items.router!.id)).statusCode).toBe(201);
    });

    it("refuses an item needing the manager's approval ordered by that manager, writing nothing", async () => {
      // Sam would be the only approver, and may not approve a request of his own: it waited forever.
      await api.call('PUT', '/api/v1/people/erin', {
        as: 'kate',
        payload: { managerId: 'sam', groups: [] },
      });
      const [before] = await api.dataSource.query('SELECT count(*)::int AS n FROM requests');
      const refused = await submit('sam', items.laptop!.id, 'erin');
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({
        type: expect.stringContaining('approval-impossible'),
        errors: [{ field: 'items.0.catalogItemId', message: expect.stringContaining('sam') }],
      });
      const [after] = await api.dataSource.query('SELECT count(*)::int AS n FROM requests');
      expect(after.n).toBe(before.n);
    });

    it('refuses a requester ordering for somebody else, writing nothing', async () => {
      const [before] = await api.dataSource.query('SELECT count(*)::int AS n FROM requests');
      const refused = await submit('bob', items.laptop!.id, 'alice');
      expect(refused.statusCode).toBe(403);
      const [after] = await api.dataSource.query('SELECT count(*)::int AS n FROM requests');
      expect(after.n).toBe(before.n);
    });
  });
});
