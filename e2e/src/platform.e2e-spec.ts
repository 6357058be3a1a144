import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { PRACTICES, topicsOwnedBy } from '@itsm/contracts';
import {
  databaseUrlFor,
  localStateDir,
  platformServices,
  serviceDatabase,
  type ServiceProcess,
} from '@itsm/local-stack';
import { KafkaAdmin, KafkaConsumer, KafkaProducer, type IncomingMessage } from '@itsm/messaging';
import { dropDatabase } from '@itsm/persistence';
import {
  createTestKafka,
  createTestTopics,
  testAuthEnv,
  testKafkaBrokers,
  testPostgresUrl,
  uniqueTopic,
} from '@itsm/testing';

jest.setTimeout(180_000);

/** The five services as `npm start` runs them, on their own databases, against the real stack. */
describe('the platform', () => {
  const run = randomBytes(3).toString('hex');
  const databasePrefix = `e2e_${run}_`;
  let services: ServiceProcess[];

  beforeAll(async () => {
    services = platformServices({
      endpoints: {
        postgresUrl: testPostgresUrl(),
        kafkaBrokers: testKafkaBrokers(),
        authIssuer: testAuthEnv().AUTH_ISSUER,
        authAudience: testAuthEnv().AUTH_AUDIENCE,
      },
      basePort: 4100,
      databasePrefix,
      logDir: join(localStateDir(), 'logs', `e2e-${run}`),
    });
    services.forEach((service) => service.start());
    await Promise.all(services.map((service) => service.waitUntilReady(150_000)));
  });

  afterAll(async () => {
    await Promise.all((services ?? []).map((service) => service.stop()));
    await Promise.all(
      PRACTICES.map((practice) =>
        dropDatabase(
          databaseUrlFor(testPostgresUrl(), `${databasePrefix}${serviceDatabase(practice)}`),
        ),
      ),
    );
  });

  it.each(PRACTICES)(
    '%s reports ready: its database, its migrations and Kafka are up',
    async (practice) => {
      const service = services.find((candidate) => candidate.name === practice)!;
      const readiness = await service.readiness();
      expect(readiness).toEqual({
        status: 200,
        body: {
          status: 'ready',
          checks: {
            database: { status: 'up' },
            migrations: { status: 'up' },
            kafka: { status: 'up', detail: '1 broker(s)', advisory: true },
          },
        },
      });
    },
  );

  it.each(PRACTICES)('%s serves its OpenAPI 3.1 document', async (practice) => {
    const service = services.find((candidate) => candidate.name === practice)!;
    const response = await fetch(`${service.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; info: { title: string } };
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title.length).toBeGreaterThan(0);
  });

  it('created every practice topic and its dead-letter topic', async () => {
    const admin = new KafkaAdmin(createTestKafka('e2e-topics'));
    const expected = PRACTICES.flatMap(topicsOwnedBy).map((topic) => ({
      topic,
      partitions: 1,
      replicationFactor: 1,
    }));
    expect(await admin.ensureTopics(expected)).toEqual([]);
    await admin.disconnect();
  });

  it('carries a message produced to the broker back to a consumer', async () => {
    const kafka = createTestKafka('e2e-roundtrip');
    const topic = uniqueTopic('e2e-roundtrip');
    const deleteTopic = await createTestTopics([topic]);
    const producer = new KafkaProducer(kafka);
    await producer.connect();
    const eventId = randomUUID();
    await producer.send(topic, [
      {
        key: 'INC0000001',
        value: JSON.stringify({ number: 'INC0000001' }),
        headers: { ce_id: eventId, ce_type: 'itsm.e2e.ping.v1' },
      },
    ]);
    await producer.disconnect();

    const consumer = new KafkaConsumer(kafka, {
      groupId: `e2e-roundtrip-${run}`,
      topics: [topic],
      fromBeginning: true,
    });
    const message = await new Promise<IncomingMessage>(
      (resolve) => void consumer.start(async (m) => resolve(m)),
    );
    await consumer.stop();
    await deleteTopic();

    expect(message).toMatchObject({
      topic,
      key: 'INC0000001',
      headers: { ce_id: eventId, ce_type: 'itsm.e2e.ping.v1' },
    });
    expect(JSON.parse(message.value!.toString())).toEqual({ number: 'INC0000001' });
  });
});
