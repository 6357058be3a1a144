import { randomBytes, randomUUID } from 'node:crypto';
import { Controller, Module } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { deadLetterTopic, incidentUpdated } from '@itsm/contracts';
import {
  KafkaAdmin,
  KafkaConsumer,
  OnEvent,
  Outbox,
  PermanentEventError,
  type EventContext,
  type EventOf,
  type IncomingMessage,
} from '@itsm/messaging';
import {
  createTestDatabase,
  createTestKafka,
  freePort,
  waitUntil,
  testAuthEnv,
  testKafkaBrokers,
  type TestDatabase,
} from '@itsm/testing';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { runService } from './run-service';
import { defineService } from './service-definition';

class CreateHandled1764300000002 implements MigrationInterface {
  name = 'CreateHandled1764300000002';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE handled (incident_id uuid PRIMARY KEY)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE handled');
  }
}

@Controller()
class IncidentUpdates {
  @OnEvent(incidentUpdated)
  async onUpdated(
    @Payload() event: EventOf<typeof incidentUpdated>,
    @Ctx() context: EventContext,
  ): Promise<void> {
    const field = event.data.changes[0]?.field;
    if (field === 'unknown_field') throw new PermanentEventError(`no rule for the field ${field}`);
    if (field === 'flaky') throw new Error('the database is busy');
    await context.manager.query('INSERT INTO handled (incident_id) VALUES ($1)', [event.data.id]);
  }
}

@Module({ controllers: [IncidentUpdates] })
class IncidentUpdatesModule {}

/** Handlers inside a running service: their own errors, not Nest's HTTP or RPC stand-ins, decide. */
describe('event handlers in a service', () => {
  const topicPrefix = `handlers${randomBytes(3).toString('hex')}.`;
  let database: TestDatabase;
  let app: NestFastifyApplication;

  const publish = (field: string) => {
    const id = randomUUID();
    return app
      .get(DataSource)
      .transaction((manager) =>
        app.get(Outbox).publish(manager, incidentUpdated, {
          aggregateId: id,
          data: {
            ...incidentUpdated.example,
            id,
            changes: [{ field, oldValue: null, newValue: 1 }],
          },
        }),
      )
      .then(() => id);
  };

  beforeAll(async () => {
    database = await createTestDatabase('handlers');
    app = await runService(
      defineService({
        practice: 'incident',
        title: 'Handlers probe',
        description: 'Consumes its own events',
        version: '1.0.0',
        modules: [IncidentUpdatesModule],
        entities: [],
        migrations: [CreateHandled1764300000002],
      }),
      {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        ...testAuthEnv(),
        KAFKA_TOPIC_PREFIX: topicPrefix,
        HTTP_PORT: String(await freePort()),
        HTTP_HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        OUTBOX_POLL_INTERVAL_MS: '100',
        CONSUMER_MAX_ATTEMPTS: '2',
        CONSUMER_RETRY_BASE_MS: '10',
      },
    );
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('dead-letters with the handler’s own error and reason, and keeps applying the next events', async () => {
    const permanent = await publish('unknown_field');
    const flaky = await publish('flaky');
    const fine = await publish('assignee');

    const dead: IncomingMessage[] = [];
    const reader = new KafkaConsumer(createTestKafka('handlers-dlq'), {
      groupId: `${topicPrefix}reader`,
      topics: [deadLetterTopic(`${topicPrefix}${incidentUpdated.topic}`)],
      fromBeginning: true,
    });
    await reader.start(async (message) => void dead.push(message));
    await waitUntil('two dead letters', async () => dead.length >= 2, 30_000);
    await reader.stop();

    expect(dead.find((message) => message.key === permanent)?.headers).toMatchObject({
      dlq_reason: 'permanent',
      dlq_error: 'no rule for the field unknown_field',
      dlq_attempts: '1',
    });
    expect(dead.find((message) => message.key === flaky)?.headers).toMatchObject({
      dlq_reason: 'exhausted',
      dlq_error: 'the database is busy',
      dlq_attempts: '2',
    });
    const handled = await app.get(DataSource).query('SELECT incident_id FROM handled');
    expect(handled).toEqual([{ incident_id: fine }]);
  });

  it('joins a consumer group named with the topic prefix: environments sharing a cluster keep apart', async () => {
    const admin = new KafkaAdmin(createTestKafka('handlers-groups'));
    try {
      const ours = (await admin.consumerGroupIds()).filter((id) => id.includes('itsm-incident.'));
      expect(ours).toContain(`${topicPrefix}itsm-incident.default`);
    } finally {
      await admin.disconnect();
    }
  });
});
