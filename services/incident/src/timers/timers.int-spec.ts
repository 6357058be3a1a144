import { startServiceUnderTest, type ServiceUnderTest, type TestDatabase } from '@itsm/testing';
import { definition } from '../incident.definition';
import { businessSecondsBetween, type Schedule } from '@itsm/calendar';

jest.setTimeout(120_000);

const P3_RESOLUTION = 'Priority 3 resolution (3 business days)';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * SLA alerts and auto-close fire at the right moment, once, with several replicas running, and
 * catch up on what fell due while no replica ran.
 */
describe('the SLA timer and auto-close, against real PostgreSQL', () => {
  let first: ServiceUnderTest;
  let second: ServiceUnderTest | undefined;
  let database: TestDatabase;
  const environment = {
    INCIDENT_TIMER_INTERVAL_MS: process.env.INCIDENT_TIMER_INTERVAL_MS,
    INCIDENT_AUTO_CLOSE_AFTER_SECONDS: process.env.INCIDENT_AUTO_CLOSE_AFTER_SECONDS,
  };

  const alerts = async (incidentId: string) =>
    (
      (await first.dataSource.query(
        `SELECT event_type, payload FROM outbox
          WHERE aggregate_id = $1 AND event_type LIKE 'itsm.incident.sla.%' ORDER BY sequence`,
        [incidentId],
      )) as Array<{ event_type: string; payload: Record<string, string | number> }>
    ).map((row): Record<string, string | number | undefined> => ({
      type: row.event_type.split('.')[3],
      ...row.payload,
    }));

  /** A 24×7 definition of a few seconds for priority 3 incidents, so that tests can watch it run. */
  const shortSla = async (seconds: number) => {
    const schedules = (await first.call('GET', '/api/v1/sla-schedules', { as: 'ivy' })).json();
    const allDay = schedules.items.find((s: { name: string }) => s.name === '24x7');
    const created = await first.call('POST', '/api/v1/sla-definitions', {
      as: 'ivy',
      payload: {
        name: `P3 short resolution ${seconds}s`,
        target: 'resolution',
        priorities: [3],
        durationSeconds: seconds,
        scheduleId: allDay.id,
      },
    });
    expect(created.statusCode).toBe(201);
  };

  beforeAll(async () => {
    process.env.INCIDENT_TIMER_INTERVAL_MS = '200';
    process.env.INCIDENT_AUTO_CLOSE_AFTER_SECONDS = '2';
    first = await startServiceUnderTest(definition);
    database = first.database;
    await shortSla(4);
  });

  afterAll(async () => {
    await second?.close();
    await first.close();
    await database.drop().catch(() => undefined);
    for (const [name, value] of Object.entries(environment)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('warns at 50 % and 75 % and announces the breach at 100 %, each once, at its moment', async () => {
    const incident = (
      await first.call('POST', '/api/v1/incidents', {
        as: 'sam',
        payload: {
          shortDescription: 'Timer probe',
          assignmentGroup: 'service-desk',
          impact: 2,
          urgency: 2,
        },
      })
    ).json();
    expect(incident.priority).toBe(3);
    await sleep(5_500);
    const sent = (await alerts(incident.id)).filter(
      (a) => a.definitionName === 'P3 short resolution 4s',
    );
    expect(sent.map((a) => [a.type, a.percentElapsed ?? 100])).toEqual([
      ['warning', 50],
      ['warning', 75],
      ['breached', 100],
    ]);
    const opened = new Date(incident.openedAt).getTime();
    expect(new Date(String(sent[0]!.at)).getTime() - opened).toBe(2_000);
    expect(new Date(String(sent[1]!.at)).getTime() - opened).toBe(3_000);
    expect(new Date(String(sent[2]!.breachedAt)).getTime() - opened).toBe(4_000);
    const view = (
      await first.call('GET', `/api/v1/incidents/${incident.id}`, { as: 'sam' })
    ).json();
    expect(
      view.slas.find((s: { name: string }) => s.name === 'P3 short resolution 4s'),
    ).toMatchObject({ stage: 'breached' });
  });

  it('does not count time on hold', async () => {
    let incident = (
      await first.call('POST', '/api/v1/incidents', {
        as: 'sam',
        payload: {
          shortDescription: 'Paused probe',
          assignmentGroup: 'service-desk',
          impact: 2,
          urgency: 2,
        },
      })
    ).json();
    incident = (
      await first.call('POST', `/api/v1/incidents/${incident.id}/transitions`, {
        as: 'sam',
        payload: { to: 'on_hold', onHoldReason: 'awaiting_caller', version: incident.version },
      })
    ).json();
    await sleep(4_500);
    expect(
      (await alerts(incident.id)).filter((a) => a.definitionName === 'P3 short resolution 4s'),
    ).toEqual([]);
    const now = (await first.call('GET', `/api/v1/incidents/${incident.id}`, { as: 'sam' })).json();
    const clock = now.slas.find((s: { name: string }) => s.name === 'P3 short resolution 4s');
    expect(clock).toMatchObject({ stage: 'paused', dueAt: null, percentElapsed: 0 });
  });

  it('sends what fell due while no replica ran, once, with two replicas running', async () => {
    const incident = (
      await first.call('POST', '/api/v1/incidents', {
        as: 'sam',
        payload: {
          shortDescription: 'Downtime probe',
          assignmentGroup: 'service-desk',
          impact: 2,
          urgency: 2,
        },
      })
    ).json();
    // No replica runs until well after the breach; then two start at once.
    await first.app.close();
    await sleep(5_000);
    [first, second] = await Promise.all([
      startServiceUnderTest(definition, {}, database),
      startServiceUnderTest(definition, {}, database),
    ]);
    await sleep(1_500);
    const sent = (await alerts(incident.id)).filter(
      (a) => a.definitionName === 'P3 short resolution 4s',
    );
    expect(sent.map((a) => a.type)).toEqual(['warning', 'warning', 'breached']);
    // Each with the moment it was reached, not the moment it was sent.
    const opened = new Date(incident.openedAt).getTime();
    expect(sent.map((a) => new Date(String(a.at ?? a.breachedAt)).getTime() - opened)).toEqual([
      2_000, 3_000, 4_000,
    ]);
  });

  it('closes a resolved incident once the waiting time has passed', async () => {
    let incident = (
      await first.call('POST', '/api/v1/incidents', {
        as: 'sam',
        payload: { shortDescription: 'Auto-close probe', assignmentGroup: 'service-desk' },
      })
    ).json();
    incident = (
      await first.call('POST', `/api/v1/incidents/${incident.id}/transitions`, {
        as: 'sam',
        payload: {
          to: 'resolved',
          resolutionCode: 'solved_remotely',
          resolutionNotes: 'Restarted',
          version: incident.version,
        },
      })
    ).json();
    await sleep(3_500);
    const closed = (
      await first.call('GET', `/api/v1/incidents/${incident.id}`, { as: 'sam' })
    ).json();
    expect(closed).toMatchObject({ state: 'closed' });
    const events = (await first.dataSource.query(
      `SELECT payload FROM outbox WHERE aggregate_id = $1 AND event_type LIKE '%incident.closed%'`,
      [incident.id],
    )) as Array<{ payload: { automatically: boolean; closedBy: string } }>;
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({ automatically: true, closedBy: 'system:auto-close' }),
    ]);
  });

  const raiseP3 = async (shortDescription: string) =>
    (
      await first.call('POST', '/api/v1/incidents', {
        as: 'sam',
        payload: { shortDescription, assignmentGroup: 'service-desk', impact: 2, urgency: 2 },
      })
    ).json() as { id: string; openedAt: string; version: number };
  const shortAlerts = async (incidentId: string) =>
    (await alerts(incidentId)).filter((a) => a.definitionName === 'P3 short resolution 4s');

  it('leaves a clock alone while a change holds its incident, and judges it after', async () => {
    const incident = await raiseP3('Locked probe');
    const change = first.dataSource.createQueryRunner();
    await change.connect();
    await change.startTransaction();
    await change.query('SELECT 1 FROM incidents WHERE id = $1 FOR UPDATE', [incident.id]);
    await sleep(5_000);
    expect(await shortAlerts(incident.id)).toEqual([]);
    await change.commitTransaction();
    await change.release();
    await sleep(1_000);
    const sent = await shortAlerts(incident.id);
    expect(sent.map((a) => a.type)).toEqual(['warning', 'warning', 'breached']);
    expect(new Date(String(sent[2]!.breachedAt)).getTime() - Date.parse(incident.openedAt)).toBe(
      4_000,
    );
  });

  it('sets aside a clock it cannot evaluate, and fires the others', async () => {
    const [broken, healthy] = [await raiseP3('Broken probe'), await raiseP3('Healthy probe')];
    // A point out of order, as no code path writes it: the clock's arithmetic refuses it.
    await first.dataSource.query(
      `INSERT INTO incident_timeline (incident_id, at, state, priority, acknowledged)
       VALUES ($1, $2, 'new', 3, false)`,
      [broken.id, new Date(Date.parse(broken.openedAt) - 60_000)],
    );
    await sleep(5_000);
    expect((await shortAlerts(healthy.id)).map((a) => a.type)).toEqual([
      'warning',
      'warning',
      'breached',
    ]);
    expect(await shortAlerts(broken.id)).toEqual([]);
    const [retry] = (await first.dataSource.query(
      `SELECT s.next_alert_at FROM incident_slas s JOIN sla_definitions d ON d.id = s.definition_id
        WHERE s.incident_id = $1 AND d.name = 'P3 short resolution 4s'`,
      [broken.id],
    )) as Array<{ next_alert_at: Date }>;
    expect(retry!.next_alert_at.getTime()).toBeGreaterThan(Date.now() + 30_000);
  });

  type DefinitionView = Record<string, unknown> & { id: string; name: string; scheduleId: string };
  const definitionNamed = async (name: string) =>
    (
      (await first.call('GET', '/api/v1/sla-definitions', { as: 'ivy' })).json()
        .items as DefinitionView[]
    ).find((d) => d.name === name)!;
  const replaceDefinition = async (name: string, changes: object) => {
    const { id, ...current } = await definitionNamed(name);
    const response = await first.call('PUT', `/api/v1/sla-definitions/${id}`, {
      as: 'ivy',
      payload: { ...current, ...changes },
    });
    expect(response.statusCode).toBe(200);
  };
  const clockOf = async (incidentId: string, name: string) => {
    const view = (await first.call('GET', `/api/v1/incidents/${incidentId}`, { as: 'sam' })).json();
    return view.slas.find((s: { name: string }) => s.name === name);
  };
  /** The repair still under way, as a manager sees it; undefined once it has finished. */
  const pendingRepair = async () => {
    const status = (await first.call('GET', '/api/v1/sla-repair', { as: 'ivy' })).json() as {
      pending: boolean;
      deferredIncidentIds: string[];
    };
    return status.pending ? status : undefined;
  };
  /** Working seconds from the incident's opening to the clock's due time, on its own schedule. */
  const workingSecondsToDue = async (incident: { openedAt: string }, clock: { dueAt: string }) => {
    const { scheduleId } = await definitionNamed(P3_RESOLUTION);
    const schedules = (await first.call('GET', '/api/v1/sla-schedules', { as: 'ivy' })).json()
      .items as Array<Schedule & { id: string }>;
    const schedule = schedules.find((s) => s.id === scheduleId)!;
    return businessSecondsBetween(schedule, new Date(incident.openedAt), new Date(clock.dueAt));
  };

  it('repairs the clocks of open incidents when a definition changes', async () => {
    const incident = await raiseP3('Repair probe');
    const dueBefore = (await clockOf(incident.id, P3_RESOLUTION)).dueAt;
    await replaceDefinition('P3 short resolution 4s', { active: false });
    await replaceDefinition(P3_RESOLUTION, { durationSeconds: 7_200 });
    // The repair runs in the background: the stored due time moves once it got there.
    for (let waited = 0; waited < 10_000; waited += 250) {
      if ((await clockOf(incident.id, P3_RESOLUTION)).dueAt !== dueBefore) break;
      await sleep(250);
    }
    const repaired = await clockOf(incident.id, P3_RESOLUTION);
    expect(await workingSecondsToDue(incident, repaired)).toBe(7_200);
    expect(await clockOf(incident.id, 'P3 short resolution 4s')).toMatchObject({
      stage: 'cancelled',
      dueAt: null,
    });
    await sleep(4_000);
    expect(await shortAlerts(incident.id)).toEqual([]);
    expect(await pendingRepair()).toBeUndefined();
    // The retired definition's clocks have all stopped, those already breached staying breached.
    const retired = (await first.dataSource.query(
      `SELECT s.stage, s.started_at, s.elapsed_seconds, s.ended_at, s.due_at FROM incident_slas s
         JOIN sla_definitions d ON d.id = s.definition_id
         JOIN incidents i ON i.id = s.incident_id
        WHERE d.name = 'P3 short resolution 4s' AND i.state <> 'closed'
          AND i.short_description <> 'Broken probe'`,
    )) as Array<{
      stage: string;
      started_at: Date;
      elapsed_seconds: number;
      ended_at: Date | null;
      due_at: Date | null;
    }>;
    expect(retired.map((c) => c.stage).sort()).toEqual(
      expect.arrayContaining(['breached', 'cancelled']),
    );
    for (const clock of retired) {
      expect(clock).toMatchObject({ ended_at: expect.any(Date), due_at: null });
    }
    // A breached clock (24×7, never paused) stops with the time it had counted when it stopped.
    for (const clock of retired.filter((c) => c.stage === 'breached')) {
      const counted = (clock.ended_at!.getTime() - clock.started_at.getTime()) / 1000;
      expect(Math.abs(clock.elapsed_seconds - counted)).toBeLessThanOrEqual(2);
    }
  });

  it('goes on past an incident a change holds, and repairs it once it is free', async () => {
    const held = await raiseP3('Held during repair');
    const free = await raiseP3('Free during repair');
    const change = first.dataSource.createQueryRunner();
    await change.connect();
    await change.startTransaction();
    await change.query('SELECT 1 FROM incidents WHERE id = $1 FOR UPDATE', [held.id]);
    try {
      await replaceDefinition(P3_RESOLUTION, { durationSeconds: 10_800 });
      // Repaired while the other is held: a repair waiting for the lock would hold this one back.
      const freeDue = async () => workingSecondsToDue(free, await clockOf(free.id, P3_RESOLUTION));
      for (let waited = 0; waited < 10_000 && (await freeDue()) !== 10_800; waited += 250) {
        await sleep(250);
      }
      expect(await freeDue()).toBe(10_800);
      expect((await pendingRepair())?.deferredIncidentIds).toContain(held.id);
      expect(await workingSecondsToDue(held, await clockOf(held.id, P3_RESOLUTION))).toBe(7_200);
    } finally {
      await change.commitTransaction();
      await change.release();
    }
    for (let waited = 0; waited < 10_000 && (await pendingRepair()); waited += 250) {
      await sleep(250);
    }
    expect(await pendingRepair()).toBeUndefined();
    expect(await workingSecondsToDue(held, await clockOf(held.id, P3_RESOLUTION))).toBe(10_800);
  });
});
