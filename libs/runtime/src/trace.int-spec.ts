import { randomBytes, randomUUID } from 'node:crypto';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { Controller, Headers, Module, Post } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Roles } from '@itsm/auth';
import { incidentUpdated } from '@itsm/contracts';
import { OnEvent, Outbox, type EventContext, type EventOf } from '@itsm/messaging';
import {
  freePort,
  createTestDatabase,
  bearer,
  testAuthEnv,
  testKafkaBrokers,
  waitUntil,
  type TestDatabase,
} from '@itsm/testing';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { runService } from './run-service';
import { defineService } from './service-definition';

class CreateTraceProbe1764300000001 implements MigrationInterface {
  name = 'CreateTraceProbe1764300000001';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE TABLE trace_probe (incident_id uuid PRIMARY KEY, trace_id text NOT NULL)',
    );
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE trace_probe');
  }
}

@Controller('api/v1/probes')
class ProbeController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /**
   * In a service, OpenTelemetry's HTTP instrumentation opens the server span from `traceparent`.
   * Its require hooks cannot patch modules under Jest, so this handler opens the span itself.
   */
  @Roles('agent')
  @Post()
  async create(@Headers() headers: Record<string, string>): Promise<{ id: string }> {
    const id = randomUUID();
    const parent = propagation.extract(context.active(), headers);
    await tracer.startActiveSpan(
      'POST /api/v1/probes',
      { kind: SpanKind.SERVER },
      parent,
      async (span) => {
        await this.dataSource.transaction((manager) =>
          this.outbox.publish(manager, incidentUpdated, {
            aggregateId: id,
            data: { ...incidentUpdated.example, id },
          }),
        );
        span.end();
      },
    );
    return { id };
  }

  @OnEvent(incidentUpdated)
  async onUpdated(
    @Payload() event: EventOf<typeof incidentUpdated>,
    @Ctx() context: EventContext,
  ): Promise<void> {
    const traceId = trace.getActiveSpan()?.spanContext().traceId ?? 'none';
    await context.manager.query('INSERT INTO trace_probe (incident_id, trace_id) VALUES ($1, $2)', [
      event.data.id,
      traceId,
    ]);
  }
}

const tracer = trace.getTracer('trace-test');

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('one trace from an HTTP request through the outbox and Kafka into the consumer', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let port: number;

  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

  beforeAll(async () => {
    provider.register();
    database = await createTestDatabase('trace');
    port = await freePort();
    app = await runService(
      defineService({
        practice: 'incident',
        title: 'Trace probe',
        description: 'Publishes and consumes its own event',
        version: '1.0.0',
        modules: [ProbeModule],
        entities: [],
        migrations: [CreateTraceProbe1764300000001],
      }),
      {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        ...testAuthEnv(),
        KAFKA_TOPIC_PREFIX: `trace${randomBytes(3).toString('hex')}.`,
        HTTP_PORT: String(port),
        HTTP_HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        OUTBOX_POLL_INTERVAL_MS: '100',
      },
    );
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await provider.shutdown();
  });

  it('links the request, the publish, the processing and the database write in one trace', async () => {
    const client = tracer.startSpan('client request', { kind: SpanKind.CLIENT });
    const headers: Record<string, string> = {};
    propagation.inject(trace.setSpan(context.active(), client), headers);
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/probes`, {
      method: 'POST',
      headers: { ...headers, ...(await bearer('sam')) },
    });
    client.end();
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };

    const dataSource = app.get(DataSource);
    let rows: Array<{ trace_id: string }> = [];
    await waitUntil(
      'the consumer to write its row',
      async () => {
        rows = await dataSource.query('SELECT trace_id FROM trace_probe WHERE incident_id = $1', [
          id,
        ]);
        return rows.length > 0;
      },
      30_000,
    );
    expect(rows).toHaveLength(1);

    const spans = exporter.getFinishedSpans();
    const server = spans.find((span) => span.kind === SpanKind.SERVER);
    const publish = spans.find(
      (span) => span.kind === SpanKind.PRODUCER && span.name.endsWith(' publish'),
    );
    const processing = spans.find(
      (span) => span.kind === SpanKind.CONSUMER && span.name.endsWith(' process'),
    );
    const traceId = client.spanContext().traceId;
    expect(server?.parentSpanContext?.spanId).toBe(client.spanContext().spanId);
    expect(publish?.spanContext().traceId).toBe(traceId);
    expect(publish?.parentSpanContext?.spanId).toBe(server?.spanContext().spanId);
    expect(processing?.spanContext().traceId).toBe(traceId);
    expect(processing?.parentSpanContext?.spanId).toBe(publish?.spanContext().spanId);
    expect(rows[0]!.trace_id).toBe(traceId);
  });
});
