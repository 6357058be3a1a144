import { majorIncidentDeclared } from '@itsm/contracts';
import type { ServiceProcess } from '@itsm/local-stack';
import { KafkaConsumer, type IncomingMessage } from '@itsm/messaging';
import {
  callService,
  createTestKafka,
  E2eRun,
  integrationTokenFor,
  tokenFor,
  waitUntil,
} from '@itsm/testing';

jest.setTimeout(240_000);

interface Incident {
  id: string;
  number: string;
  version: number;
  priority: number;
  major: boolean;
  majorReason: string | null;
  channel: string;
  assignmentGroup: string | null;
  impactedServices: Array<{ id: string; name: string; criticality: number }>;
}

/**
 * Flows 1 and 2 of ARCHITECTURE.md across the running configuration and incident services, on the
 * real broker: a CI going down opens one incident, impact from its criticality; the CMDB answers
 * with the business services it impacts, and a priority 1 on a critical service becomes major.
 */
describe('incidents and the CMDB on the real stack', () => {
  const e2e = new E2eRun('flows');
  const { id: run, prefix } = e2e;
  const services: Record<string, ServiceProcess> = {};
  let consumer: KafkaConsumer;
  const received: IncomingMessage[] = [];

  const api = (service: string, method: string, path: string, token: string, body?: object) =>
    callService(services[service]!, method, path, token, body);
  const incidentsOf = async (ciId: string): Promise<Incident[]> =>
    (await api('incident', 'GET', `/api/v1/incidents?ci=${ciId}`, await tokenFor('ivy'))).body
      .items;
  const setStatus = async (ciId: string, operationalStatus: string) => {
    const monitoring = await integrationTokenFor('itsm-monitoring');
    const ci = await api('configuration', 'GET', `/api/v1/cis/${ciId}`, monitoring);
    const changed = await api('configuration', 'PATCH', `/api/v1/cis/${ciId}`, monitoring, {
      operationalStatus,
      version: ci.body.version,
    });
    expect(changed.status).toBe(200);
  };

  beforeAll(async () => {
    for (const name of ['configuration', 'incident'] as const) {
      services[name] = await e2e.service(name);
    }
    await Promise.all(Object.values(services).map((service) => service.start()));
    await Promise.all(Object.values(services).map((service) => service.waitUntilReady(120_000)));
    consumer = new KafkaConsumer(createTestKafka(`e2e-flows-${run}`), {
      groupId: `e2e-flows-${run}`,
      topics: [`${prefix}itsm.incident.v1`],
      fromBeginning: true,
    });
    await consumer.start(async (message) => void received.push(message));
  });

  afterAll(async () => {
    await consumer?.stop();
    await Promise.all(Object.values(services).map((service) => service.stop()));
    await e2e.cleanUp();
  });

  it('opens one major incident for a CI that goes down under a critical service', async () => {
    const conor = await tokenFor('conor');
    const shop = await api('configuration', 'POST', '/api/v1/cis', conor, {
      className: 'business_service',
      name: `Online shop ${run}`,
      criticality: 1,
    });
    const db = await api('configuration', 'POST', '/api/v1/cis', conor, {
      className: 'database',
      name: `orders-db-${run}`,
      ownerGroup: 'service-desk',
      criticality: 1,
      attributes: { engine: 'postgresql' },
    });
    expect([shop.status, db.status]).toEqual([201, 201]);
    const related = await api('configuration', 'POST', '/api/v1/relationships', conor, {
      type: 'depends_on',
      sourceId: shop.body.id,
      targetId: db.body.id,
    });
    expect(related.status).toBe(201);

    await setStatus(db.body.id, 'down');
    await waitUntil(
      'the incident for the CI that went down, made major by the impact the CMDB computed',
      async () => (await incidentsOf(db.body.id)).some((i) => i.major),
      90_000,
    );
    const [incident] = await incidentsOf(db.body.id);
    expect(incident).toMatchObject({
      priority: 1,
      channel: 'monitoring',
      assignmentGroup: 'service-desk',
      major: true,
      majorReason: `Priority 1 on the critical business service Online shop ${run}`,
      impactedServices: [expect.objectContaining({ id: shop.body.id, criticality: 1 })],
    });
    await waitUntil(
      'major_incident.declared on the incident topic',
      async () =>
        received.some(
          (m) => m.headers.ce_type === majorIncidentDeclared.type && m.key === incident!.id,
        ),
      60_000,
    );

    // Up and down again while the incident is open: no second incident, two work notes instead.
    await setStatus(db.body.id, 'operational');
    await setStatus(db.body.id, 'down');
    const notes = async () =>
      (
        await api(
          'incident',
          'GET',
          `/api/v1/incidents/${incident!.id}/notes`,
          await tokenFor('ivy'),
        )
      ).body.items as Array<{ body: string; author: string }>;
    await waitUntil(
      'both status changes noted on the open incident',
      async () => (await notes()).length === 2,
      90_000,
    );
    expect((await notes()).map((n) => n.body)).toEqual([
      expect.stringContaining('went from down to operational'),
      expect.stringContaining('went from operational to down'),
    ]);
    expect(await incidentsOf(db.body.id)).toHaveLength(1);
  });

  it('records the impacted services of an incident an agent raises on a CI, without making it major', async () => {
    const conor = await tokenFor('conor');
    const service = await api('configuration', 'POST', '/api/v1/cis', conor, {
      className: 'business_service',
      name: `Intranet ${run}`,
      criticality: 3,
    });
    const app = await api('configuration', 'POST', '/api/v1/cis', conor, {
      className: 'application',
      name: `wiki-${run}`,
    });
    await api('configuration', 'POST', '/api/v1/relationships', conor, {
      type: 'depends_on',
      sourceId: service.body.id,
      targetId: app.body.id,
    });
    const raised = await api('incident', 'POST', '/api/v1/incidents', await tokenFor('sam'), {
      shortDescription: 'Wiki pages load slowly',
      assignmentGroup: 'service-desk',
      impact: 1,
      urgency: 1,
      configurationItemId: app.body.id,
    });
    expect(raised.status).toBe(201);
    await waitUntil(
      'the impacted services on the incident',
      async () => (await incidentsOf(app.body.id))[0]?.impactedServices.length === 1,
      90_000,
    );
    const [incident] = await incidentsOf(app.body.id);
    expect(incident).toMatchObject({
      priority: 1,
      major: false,
      impactedServices: [expect.objectContaining({ name: `Intranet ${run}`, criticality: 3 })],
    });
  });
});
