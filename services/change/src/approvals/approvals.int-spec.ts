import { randomUUID } from 'node:crypto';
import type { impactCalculated } from '@itsm/contracts';
import type { EventOf } from '@itsm/messaging';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../change.definition';
import { RiskInputsController } from '../risk/risk-inputs.controller';

jest.setTimeout(120_000);

/** Votes on changes in Authorize, per the approval policy, against real PostgreSQL. */
describe('approvals, against real PostgreSQL', () => {
  let api: ServiceUnderTest;

  const get = async (id: string) =>
    (await api.call('GET', `/api/v1/changes/${id}`, { as: 'chloe' })).json();
  const move = (change: { id: string; version: number }, to: string, as = 'chloe') =>
    api.call('POST', `/api/v1/changes/${change.id}/transitions`, {
      as,
      payload: { to, reason: 'rework' },
      headers: { 'if-match': `W/"${change.version}"` },
    });
  const vote = (id: string, as: string, decision = 'approved', comment = 'Looks sound') =>
    api.call('POST', `/api/v1/changes/${id}/approvals`, { as, payload: { decision, comment } });
  const eventTypes = async (id: string) =>
    (
      (await api.dataSource.query(
        `SELECT event_type FROM outbox WHERE aggregate_id = $1 AND event_type LIKE '%approval%'
          ORDER BY sequence`,
        [id],
      )) as Array<{ event_type: string }>
    ).map((row) => row.event_type.replace(/^itsm\.change\.change\./, '').replace(/\.v1$/, ''));
  /** A normal change in Authorize; `quiet` makes it low risk (the CMDB found nothing impacted). */
  const inAuthorize = async (type: 'normal' | 'emergency', quiet = false) => {
    const ci = randomUUID();
    const raised = await api.call('POST', '/api/v1/changes', {
      as: 'chloe',
      payload: {
        type,
        shortDescription: 'Approval probe',
        assignmentGroup: 'network',
        justification: 'j',
        implementationPlan: 'i',
        backoutPlan: 'b',
        testPlan: 't',
        affectedCiIds: [ci],
        plannedStart: '2026-12-01T09:00:00Z',
        plannedEnd: '2026-12-01T10:00:00Z',
      },
    });
    let change = raised.json();
    if (quiet) {
      const data: EventOf<typeof impactCalculated>['data'] = {
        recordType: 'change',
        recordId: change.id,
        ciIds: [ci],
        impactedServices: [],
        impactedCiCount: 0,
        calculatedAt: new Date().toISOString(),
      };
      await api.dataSource.transaction((manager) =>
        api.app.get(RiskInputsController).impact({ data } as EventOf<typeof impactCalculated>, {
          manager,
          subscription: 'cmdb',
          attempt: 1,
        }),
      );
      change = await get(change.id);
    }
    if (type === 'normal') change = (await move(change, 'assess')).json();
    change = (await move(change, 'authorize')).json();
    expect(change).toMatchObject({ state: 'authorize', approval: 'requested' });
    return change;
  };

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
  });
  afterAll(() => api.close());

  it('leaves a low-risk normal change to one change manager', async () => {
    const change = await inAuthorize('normal', true);
    const approval = (
      await api.call('GET', `/api/v1/changes/${change.id}/approvals`, { as: 'nina' })
    ).json();
    expect(approval).toMatchObject({ risk: 'low', board: 'change_manager', approvalsNeeded: 1 });
    const byCab = await vote(change.id, 'carl');
    expect(byCab.statusCode).toBe(403);
    expect(byCab.json().detail).toContain('change managers');
    const byManager = await vote(change.id, 'chloe');
    expect(byManager.statusCode).toBe(201);
    expect(byManager.json()).toMatchObject({
      approval: 'approved',
      votes: [{ approver: 'chloe', decision: 'approved', comment: 'Looks sound' }],
    });
    expect(await eventTypes(change.id)).toEqual(['approval_recorded', 'approval_decided']);
    expect((await move(await get(change.id), 'scheduled', 'nina')).statusCode).toBe(200);
  });

  it('needs a CAB quorum for moderate risk; members vote once; any rejection rejects', async () => {
    const change = await inAuthorize('normal');
    expect(change.risk).toBe('moderate');
    expect((await vote(change.id, 'nina')).statusCode).toBe(403);
    expect((await vote(change.id, 'carl')).json()).toMatchObject({
      approval: 'requested',
      board: 'cab',
      approvalsNeeded: 2,
    });
    const twice = await vote(change.id, 'carl', 'rejected');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().type).toContain('already-voted');
    const rejected = await vote(change.id, 'cora', 'rejected', 'No backout tested');
    expect(rejected.json()).toMatchObject({ approval: 'rejected' });
    const late = await vote(change.id, 'chloe');
    expect(late.statusCode).toBe(409);
    expect(late.json().type).toContain('not-awaiting-approval');
    const stuck = await move(await get(change.id), 'scheduled');
    expect(stuck.statusCode).toBe(409);
    expect(stuck.json().detail).toContain('rejected');
    expect(await eventTypes(change.id)).toEqual([
      'approval_recorded',
      'approval_recorded',
      'approval_decided',
    ]);

    // Sent back and resubmitted, it is voted on afresh.
    let again = (await move(await get(change.id), 'new')).json();
    again = (await move(again, 'assess')).json();
    again = (await move(again, 'authorize')).json();
    expect(again.approval).toBe('requested');
    expect((await vote(change.id, 'carl')).statusCode).toBe(201);
  });

  it('sends an emergency to the emergency CAB: one approval from its members only', async () => {
    const change = await inAuthorize('emergency');
    const byCab = await vote(change.id, 'carl');
    expect(byCab.statusCode).toBe(403);
    expect(byCab.json().detail).toContain('emergency-cab');
    expect((await vote(change.id, 'cora')).json()).toMatchObject({
      board: 'emergency_cab',
      approval: 'approved',
    });
  });

  it('refuses votes on a change that is not in Authorize, and a vote without a comment', async () => {
    const raised = await api.call('POST', '/api/v1/changes', {
      as: 'chloe',
      payload: { type: 'normal', shortDescription: 'Draft', assignmentGroup: 'network' },
    });
    const id = raised.json().id;
    expect((await vote(id, 'chloe')).statusCode).toBe(409);
    const empty = await api.call('POST', `/api/v1/changes/${id}/approvals`, {
      as: 'chloe',
      payload: { decision: 'maybe', comment: '' },
    });
    expect(empty.statusCode).toBe(400);
    expect(
      empty
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['comment', 'decision']);
    expect(await eventTypes(id)).toEqual([]);
  });
});
