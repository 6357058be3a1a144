import { randomUUID } from 'node:crypto';
import type { impactCalculated, incidentCreated, incidentUpdated } from '@itsm/contracts';
import type { EventContext, EventOf } from '@itsm/messaging';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../change.definition';
import { RiskInputsController } from './risk-inputs.controller';

jest.setTimeout(120_000);

const DAY = 24 * 3600 * 1000;

/**
 * Flow 5 as the change service applies it: the CMDB's impact answers and the incident events, each
 * handler in its own transaction as the consumer runs it, for the cases Kafka's ordering and
 * redelivery produce (an answer for CIs the change no longer names, one after it moved on).
 */
describe('explained risk from the CMDB and incident events, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  let handlers: RiskInputsController;

  const deliver = <T>(subscription: string, handle: (ctx: EventContext) => Promise<T>) =>
    api.dataSource.transaction((manager) => handle({ manager, subscription, attempt: 1 }));
  const impact = (
    recordId: string,
    ciIds: string[],
    criticalities: number[],
    unknownCiIds?: string[],
  ) =>
    deliver('cmdb', (ctx) =>
      handlers.impact(
        {
          data: {
            recordType: 'change',
            recordId,
            ciIds,
            impactedServices: criticalities.map((criticality, i) => ({
              id: randomUUID(),
              name: `Service ${i}`,
              criticality,
              depth: 1,
            })),
            impactedCiCount: criticalities.length,
            unknownCiIds,
            calculatedAt: new Date().toISOString(),
          },
        } as EventOf<typeof impactCalculated>,
        ctx,
      ),
    );
  const incidentOn = (ci: string | undefined, openedAt: Date, id = randomUUID()) =>
    deliver('incidents', (ctx) =>
      handlers.incidentOpened(
        {
          data: { id, configurationItemId: ci, openedAt: openedAt.toISOString() },
        } as EventOf<typeof incidentCreated>,
        ctx,
      ),
    ).then(() => id);
  const get = async (id: string) =>
    (await api.call('GET', `/api/v1/changes/${id}`, { as: 'chloe' })).json();
  const factor = (change: { riskFactors: Array<{ factor: string }> }, name: string) =>
    change.riskFactors.find((f) => f.factor === name);
  const assessedEvents = async (id: string) =>
    (
      (await api.dataSource.query(
        `SELECT payload FROM outbox WHERE aggregate_id = $1 AND event_type LIKE '%risk_assessed%'
          ORDER BY sequence`,
        [id],
      )) as Array<{ payload: { risk: string; factors: unknown[] } }>
    ).map((row) => row.payload);
  const move = (change: { id: string; version: number }, payload: object, as = 'chloe') =>
    api.call('POST', `/api/v1/changes/${change.id}/transitions`, {
      as,
      payload,
      headers: { 'if-match': `W/"${change.version}"` },
    });
  /** A complete normal change, its window inside business hours (a Tuesday, 09:00–10:00 UTC). */
  const raise = async (ciIds: string[], type = 'normal') => {
    const raised = await api.call('POST', '/api/v1/changes', {
      as: 'chloe',
      payload: {
        type,
        shortDescription: 'Risk probe',
        assignmentGroup: 'network',
        justification: 'j',
        implementationPlan: 'i',
        backoutPlan: 'b',
        testPlan: 't',
        affectedCiIds: ciIds,
        plannedStart: '2026-12-01T09:00:00Z',
        plannedEnd: '2026-12-01T10:00:00Z',
      },
    });
    expect(raised.statusCode).toBe(201);
    return raised.json();
  };

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    handlers = api.app.get(RiskInputsController);
  });
  afterAll(() => api.close());

  it('assesses on entering Assess, every factor explained, and again when the CMDB answers', async () => {
    const ci = randomUUID();
    let change = await raise([ci]);
    change = (await move(change, { to: 'assess' })).json();
    expect(factor(change, 'impacted_services')).toMatchObject({ value: 'unknown', weight: 20 });
    expect(change).toMatchObject({ risk: 'moderate', riskScore: 30 });
    expect(change.riskFactors.map((f: { factor: string }) => f.factor)).toEqual([
      'change_type',
      'impacted_services',
      'recent_incidents',
      'past_change_failure_rate',
      'outside_business_hours',
    ]);

    // An answer for CIs the change named before is history.
    await impact(change.id, [randomUUID()], [4]);
    expect((await get(change.id)).version).toBe(change.version);

    await impact(change.id, [ci], []);
    const answered = await get(change.id);
    expect(answered).toMatchObject({ risk: 'low', riskScore: 10 });
    expect(factor(answered, 'impacted_services')).toMatchObject({ value: 0, weight: 0 });
    expect((await assessedEvents(change.id)).map((e) => e.risk)).toEqual(['moderate', 'low']);
  });

  it('keeps an answer that arrives in New for the assessment, and ignores one after approval', async () => {
    const ci = randomUUID();
    let change = await raise([ci]);
    await impact(change.id, [ci], [1]);
    change = (await move(await get(change.id), { to: 'assess' })).json();
    expect(factor(change, 'impacted_services')).toMatchObject({ value: 1, weight: 20 });
    change = (await move(change, { to: 'authorize' })).json();
    for (const member of ['carl', 'cora']) {
      await api.call('POST', `/api/v1/changes/${change.id}/approvals`, {
        as: member,
        payload: { decision: 'approved', comment: 'ok' },
      });
    }
    const approved = await get(change.id);
    expect(approved.approval).toBe('approved');
    await impact(change.id, [ci], [1, 1]);
    expect(await get(change.id)).toMatchObject({ version: approved.version, riskScore: 30 });
  });

  it('leaves the change as it is for an answer that tells nothing new (a refreshed footprint’s)', async () => {
    const ci = randomUUID();
    const change = await raise([ci]);
    const service = { id: randomUUID(), name: 'Payroll', criticality: 1, depth: 1 };
    const answer = (calculatedAt: string, services = [service]) =>
      deliver('cmdb', (ctx) =>
        handlers.impact(
          {
            data: {
              recordType: 'change',
              recordId: change.id,
              ciIds: [ci],
              impactedServices: services,
              impactedCiCount: services.length,
              unknownCiIds: [] as string[],
              calculatedAt,
            },
          } as EventOf<typeof impactCalculated>,
          ctx,
        ),
      );
    await answer('2026-12-01T08:00:00.000Z');
    const assessed = (await move(await get(change.id), { to: 'assess' })).json();
    const events = await assessedEvents(change.id);

    // The CMDB answers again, as for a relationship added near the change, with the same impact.
    await answer('2026-12-01T08:30:00.000Z');
    expect(await get(change.id)).toMatchObject({
      version: assessed.version,
      impact: { calculatedAt: '2026-12-01T08:00:00.000Z' },
    });
    expect(await assessedEvents(change.id)).toEqual(events);

    // A different impact is news: kept, and the risk assessed again.
    await answer('2026-12-01T09:00:00.000Z', [service, { ...service, id: randomUUID() }]);
    expect(await get(change.id)).toMatchObject({
      version: assessed.version + 1,
      impact: { calculatedAt: '2026-12-01T09:00:00.000Z', impactedCiCount: 2 },
    });
    expect(await assessedEvents(change.id)).toHaveLength(events.length + 1);
  });

  it('counts incidents opened on the CIs in the last 30 days, from incident events', async () => {
    const [ci, other] = [randomUUID(), randomUUID()];
    const now = Date.now();
    await incidentOn(ci, new Date(now - 2 * DAY));
    await incidentOn(ci, new Date(now - 40 * DAY));
    await incidentOn(undefined, new Date(now - DAY));
    const moved = await incidentOn(other, new Date(now - DAY));
    // The incident is corrected to name the change's CI; redelivered, it counts once.
    for (let delivery = 0; delivery < 2; delivery++) {
      await deliver('incidents', (ctx) =>
        handlers.incidentChanged(
          {
            data: {
              id: moved,
              number: 'INC0000001',
              version: 2,
              changedBy: 'ivy',
              changedAt: new Date().toISOString(),
              changes: [{ field: 'configurationItemId', oldValue: other, newValue: ci }],
            },
          } as EventOf<typeof incidentUpdated>,
          ctx,
        ),
      );
    }
    const change = (await move(await raise([ci]), { to: 'assess' })).json();
    expect(factor(change, 'recent_incidents')).toMatchObject({ value: 2, weight: 10 });
  });

  it('reads the failure rate of past changes on the CIs and a window outside business hours', async () => {
    const ci = randomUUID();
    let failed = await raise([ci], 'emergency');
    failed = (await move(failed, { to: 'authorize' })).json();
    await api.call('POST', `/api/v1/changes/${failed.id}/approvals`, {
      as: 'cora',
      payload: { decision: 'approved', comment: 'Go' },
    });
    failed = await get(failed.id);
    for (const to of ['scheduled', 'implement', 'review'])
      failed = (await move(failed, { to })).json();
    failed = (
      await move(failed, { to: 'closed', closeCode: 'unsuccessful', closeNotes: 'Rolled back' })
    ).json();
    expect(failed.state).toBe('closed');

    let change = await raise([ci]);
    change = (
      await api.call('PATCH', `/api/v1/changes/${change.id}`, {
        as: 'chloe',
        payload: { plannedStart: '2026-12-05T22:00:00Z', plannedEnd: '2026-12-05T23:00:00Z' },
        headers: { 'if-match': `W/"${change.version}"` },
      })
    ).json();
    change = (await move(change, { to: 'assess' })).json();
    expect(factor(change, 'past_change_failure_rate')).toMatchObject({ value: 1, weight: 30 });
    expect(factor(change, 'outside_business_hours')).toMatchObject({ value: true, weight: 10 });
    expect(change.risk).toBe('high');
  });

  it('re-assesses when a CI is added or removed while the change is assessed', async () => {
    const [ci, added] = [randomUUID(), randomUUID()];
    let change = await raise([ci]);
    await impact(change.id, [ci], []);
    change = (await move(await get(change.id), { to: 'assess' })).json();
    expect(change.risk).toBe('low');
    change = (
      await api.call('PATCH', `/api/v1/changes/${change.id}`, {
        as: 'chloe',
        payload: { affectedCiIds: [ci, added] },
        headers: { 'if-match': `W/"${change.version}"` },
      })
    ).json();
    // The CMDB's answer was for one CI: until it answers for both, the risk assumes the worst.
    expect(factor(change, 'impacted_services')).toMatchObject({ value: 'unknown' });
    expect(change.risk).toBe('moderate');
    await impact(change.id, [added, ci], [3]);
    expect(await get(change.id)).toMatchObject({ risk: 'low', riskScore: 16 });
    expect(await assessedEvents(change.id)).toHaveLength(3);
  });

  it('refuses to submit a change naming a CI the CMDB does not know, until the CI is removed', async () => {
    const ci = randomUUID();
    const unknown = randomUUID();
    let change = await raise([ci, unknown]);
    await impact(change.id, [ci, unknown], [3], [unknown]);
    change = await get(change.id);
    expect(change.impact).toMatchObject({ ciIds: [ci, unknown], unknownCiIds: [unknown] });

    const refused = await move(change, { to: 'assess' });
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({
      type: expect.stringContaining('unknown-cis'),
      currentState: 'new',
      requestedState: 'assess',
      fields: ['affectedCiIds'],
      affectedCiIds: [ci, unknown],
      unknownCiIds: [unknown],
    });
    expect(await get(change.id)).toMatchObject({ state: 'new', version: change.version });

    // A late answer for other CIs than the change names is history: still refused.
    await impact(change.id, [ci], [3], []);
    expect((await move(change, { to: 'assess' })).statusCode).toBe(409);

    change = (
      await api.call('PATCH', `/api/v1/changes/${change.id}`, {
        as: 'chloe',
        payload: { affectedCiIds: [ci] },
        headers: { 'if-match': `W/"${change.version}"` },
      })
    ).json();
    expect(change.impact).toBeNull();
    await impact(change.id, [ci], [3], []);
    change = await get(change.id);
    const moved = await move(change, { to: 'assess' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ state: 'assess', impact: { unknownCiIds: [] } });
  });

  it('shows an answer naming an unknown CI that arrives after submission, and holds the change in Assess', async () => {
    const unknown = randomUUID();
    let change = await raise([unknown]);
    change = (await move(change, { to: 'assess' })).json();
    expect(change).toMatchObject({ state: 'assess', impact: null });

    await impact(change.id, [unknown], [], [unknown]);
    change = await get(change.id);
    expect(change.impact).toMatchObject({ unknownCiIds: [unknown] });
    const refused = await move(change, { to: 'authorize' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ currentState: 'assess', unknownCiIds: [unknown] });
  });
});
