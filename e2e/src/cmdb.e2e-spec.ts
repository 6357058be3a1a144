import { randomUUID } from 'node:crypto';
import {
  ciStatusChanged,
  eventSource,
  impactCalculated,
  incidentCreated,
  toKafkaHeaders,
  type EventData,
} from '@itsm/contracts';
import type { ServiceProcess } from '@itsm/local-stack';
import { KafkaConsumer, KafkaProducer, type IncomingMessage } from '@itsm/messaging';
import {
  callService,
  createTestKafka,
  E2eRun,
  integrationTokenFor,
  tokenFor,
  waitUntil,
} from '@itsm/testing';

jest.setTimeout(180_000);

/**
 * The configuration service as a process on the real stack: a CI going down reaches the Kafka
 * topic as a status event (flow 1), and an incident naming a CI gets the impacted business
 * services back from the CMDB (flow 2).
 */
describe('the CMDB on the real stack', () => {
  const e2e = new E2eRun('cmdb');
  const { id: run, prefix } = e2e;
  let service: ServiceProcess;
  let consumer: KafkaConsumer;
  const received: IncomingMessage[] = [];

  const api = (method: string, path: string, token: string, body?: object) =>
    callService(service, method, path, token, body);
  const eventOf = async (type: string, key: string) => {
    await waitUntil(
      `${type} for ${key} on ${prefix}itsm.configuration.v1`,
      async () => received.some((m) => m.headers.ce_type === type && m.key === key),
      60_000,
    );
    const message = received.find((m) => m.headers.ce_type === type && m.key === key)!;
    return { headers: message.headers, data: JSON.parse(message.value!.toString()) as unknown };
  };

  beforeAll(async () => {
    service = await e2e.service('configuration');
    service.start();
    await service.waitUntilReady(120_000);
    consumer = new KafkaConsumer(createTestKafka(`e2e-cmdb-${run}`), {
      groupId: `e2e-cmdb-${run}`,
      topics: [`${prefix}itsm.configuration.v1`],
      fromBeginning: true,
    });
    await consumer.start(async (message) => void received.push(message));
  });

  afterAll(async () => {
    await consumer?.stop();
    await service?.stop();
    await e2e.cleanUp();
  });

  it('announces a CI going down on the configuration topic', async () => {
    const conor = await tokenFor('conor');
    const created = await api('POST', '/api/v1/cis', conor, {
      className: 'database',
      name: `orders-db-${run}`,
      ownerGroup: 'service-desk',
      criticality: 1,
      attributes: { engine: 'postgresql' },
    });
    expect(created.status).toBe(201);
    // Monitoring acts as an agent of the owner group: it may set the status, nothing else.
    const monitoring = await integrationTokenFor('itsm-monitoring');
    const down = await api('PATCH', `/api/v1/cis/${created.body.id}`, monitoring, {
      operationalStatus: 'down',
      version: 1,
    });
    expect(down.status).toBe(200);

    const event = await eventOf(ciStatusChanged.type, created.body.id);
    expect(event.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_source: eventSource('configuration'),
      ce_subject: created.body.id,
    });
    expect(event.data as EventData<typeof ciStatusChanged>).toMatchObject({
      id: created.body.id,
      fromStatus: 'operational',
      toStatus: 'down',
      criticality: 1,
      changedBy: 'itsm-monitoring',
    });
  });

  it('answers an incident naming a CI with the business services it impacts', async () => {
    const conor = await tokenFor('conor');
    const shop = await api('POST', '/api/v1/cis', conor, {
      className: 'business_service',
      name: `Online shop ${run}`,
      criticality: 1,
    });
    const host = await api('POST', '/api/v1/cis', conor, {
      className: 'linux_server',
      name: `shop-host-${run}`,
    });
    const app = await api('POST', '/api/v1/cis', conor, {
      className: 'application',
      name: `shop-${run}`,
    });
    for (const [type, sourceId, targetId] of [
      ['depends_on', shop.body.id, app.body.id],
      ['runs_on', app.body.id, host.body.id],
    ]) {
      expect(
        (await api('POST', '/api/v1/relationships', conor, { type, sourceId, targetId })).status,
      ).toBe(201);
    }

    const incidentId = randomUUID();
    const data: EventData<typeof incidentCreated> = {
      ...incidentCreated.example,
      id: incidentId,
      configurationItemId: host.body.id,
    };
    const producer = new KafkaProducer(createTestKafka(`e2e-incident-${run}`));
    await producer.connect();
    await producer.send(`${prefix}${incidentCreated.topic}`, [
      {
        key: incidentId,
        value: JSON.stringify(data),
        headers: toKafkaHeaders({
          id: randomUUID(),
          source: eventSource('incident'),
          type: incidentCreated.type,
          time: new Date().toISOString(),
          subject: incidentId,
        }),
      },
    ]);
    await producer.disconnect();

    const impact = await eventOf(impactCalculated.type, incidentId);
    expect(impact.data as EventData<typeof impactCalculated>).toMatchObject({
      recordType: 'incident',
      recordId: incidentId,
      ciIds: [host.body.id],
      impactedServices: [
        { id: shop.body.id, name: `Online shop ${run}`, criticality: 1, depth: 2 },
      ],
      impactedCiCount: 2,
    });
  });
});
