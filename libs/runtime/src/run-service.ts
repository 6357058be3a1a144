import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@itsm/config';
import {
  buildOpenApiDocument,
  createValidationPipe,
  ProblemDetailsFilter,
  serveOpenApiDocument,
  idempotencyKeyReused,
  staleVersion,
} from '@itsm/http';
import { EventConsumerTransport, HandlerErrorsPassThrough, KafkaAdmin } from '@itsm/messaging';
import {
  applyMigrations,
  ensureDatabase,
  IdempotencyKeyReusedError,
  StaleVersionError,
} from '@itsm/persistence';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { PlatformModule } from './platform.module';
import { KAFKA, serviceEnvSchema, type ServiceConfig } from './service-config';
import type { ServiceDefinition } from './service-definition';
import { ownedTopicSpecs } from './topics-command';
import { GracefulShutdown } from './shutdown/graceful-shutdown';
import { serviceShutdownSteps } from './shutdown/service-shutdown';

@Module({})
class ServiceModule {
  static for(definition: ServiceDefinition, config: ServiceConfig): DynamicModule {
    return {
      module: ServiceModule,
      imports: [PlatformModule.forRoot(definition, config), ...definition.modules],
    };
  }
}

/**
 * Builds a service's Nest application on Fastify, with problem+json errors, validation and the
 * OpenAPI document, without listening yet (tests call this and use `inject`). Signals are
 * `runService`'s: its shutdown closes the parts in an order of its own.
 */
export async function createServiceApp(
  definition: ServiceDefinition,
  config: ServiceConfig,
): Promise<NestFastifyApplication> {
  return (await buildServiceApp(definition, config)).app;
}

async function buildServiceApp(
  definition: ServiceDefinition,
  config: ServiceConfig,
): Promise<{ app: NestFastifyApplication; consumers: EventConsumerTransport }> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ServiceModule.for(definition, config),
    new FastifyAdapter({
      trustProxy: true,
      bodyLimit: config.HTTP_BODY_LIMIT_MB * 1024 * 1024,
      // Fastify answers a longer path parameter with its own 414; up to this length the
      // parameter's pipe answers, with a problem naming it.
      routerOptions: { maxParamLength: 1000 },
    }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ProblemDetailsFilter([staleVersionAnswer, idempotencyKeyReusedAnswer]));
  app.useGlobalPipes(createValidationPipe());
  const consumers = connectEventConsumer(app, definition, config);
  serveOpenApiDocument(
    app,
    buildOpenApiDocument(app, {
      title: definition.title,
      description: definition.description,
      version: definition.version,
    }),
  );
  return { app, consumers };
}

/**
 * The `@OnEvent` handlers of the service's controllers, on Kafka. The HTTP filter and pipe are not
 * inherited: an event's data is validated against its schema, and a handler's error must reach the
 * transport unchanged.
 */
function connectEventConsumer(
  app: NestFastifyApplication,
  definition: ServiceDefinition,
  config: ServiceConfig,
): EventConsumerTransport {
  const logger = app.get(Logger);
  const consumers = new EventConsumerTransport({
    kafka: app.get(KAFKA),
    dataSource: app.get(DataSource),
    groupPrefix: `itsm-${definition.practice}`,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    retry: {
      maxAttempts: config.CONSUMER_MAX_ATTEMPTS,
      baseDelayMs: config.CONSUMER_RETRY_BASE_MS,
      maxDelayMs: 10_000,
    },
    partitionsConsumedConcurrently: config.CONSUMER_PARTITION_CONCURRENCY,
    sessionTimeoutMs: config.CONSUMER_SESSION_TIMEOUT_MS,
    topicPartitions: config.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    log: (level, message) => logger[level === 'info' ? 'log' : level](message, 'EventConsumer'),
  });
  const microservice = app.connectMicroservice(
    { strategy: consumers },
    // Deferred: Nest wraps the handlers when it registers them, and the filter must be there by then.
    { inheritAppConfig: false, deferInitialization: true },
  );
  microservice.useGlobalFilters(new HandlerErrorsPassThrough());
  return consumers;
}

/**
 * Starts a service: validated configuration, its database (created if missing) and migrations,
 * its topics, HTTP, then its event consumers. SIGTERM or SIGINT shuts it down gracefully
 * (`serviceShutdownSteps`) within `SHUTDOWN_GRACE_MS`.
 */
export async function runService(
  definition: ServiceDefinition,
  env = process.env,
): Promise<NestFastifyApplication> {
  const config = loadConfig(serviceEnvSchema, env);
  await ensureDatabase(config.DATABASE_URL);
  const { app, consumers } = await buildServiceApp(definition, config);
  const logger = app.get(Logger);
  new GracefulShutdown({
    graceMs: config.SHUTDOWN_GRACE_MS,
    steps: serviceShutdownSteps(app, consumers, config),
    exit: (code) => process.exit(code),
    log: (level, message) => logger[level === 'info' ? 'log' : level](message, 'Shutdown'),
  }).install();

  if (config.MIGRATIONS_RUN) {
    const applied = await applyMigrations(app.get(DataSource));
    if (applied.length) logger.log(`applied migrations: ${applied.join(', ')}`, 'Migrations');
  }
  const created = await app
    .get(KafkaAdmin)
    .ensureTopics(ownedTopicSpecs(definition.practice, config));
  if (created.length) logger.log(`created topics: ${created.join(', ')}`, 'Kafka');

  await app.listen({ port: config.HTTP_PORT, host: config.HTTP_HOST });
  logger.log(`${definition.title} listening on ${config.HTTP_HOST}:${config.HTTP_PORT}`, 'Service');
  await joinConsumerGroups(app, logger);
  return app;
}

/** How often start-up says that the event consumers are still waiting for their groups. */
const JOIN_WARNING_INTERVAL_MS = 5000;

/**
 * The event consumers join their groups after HTTP listens: a replica that replaces a crashed one
 * waits for the broker to drop the dead member (up to `CONSUMER_SESSION_TIMEOUT_MS`), and requests
 * need none of it (writes go through the outbox). Until then start-up warns, and the lag metric
 * shows the events waiting.
 */
async function joinConsumerGroups(app: NestFastifyApplication, logger: Logger): Promise<void> {
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  const warning = setInterval(
    () =>
      logger.warn(
        `the event consumers have not joined their groups after ${seconds()} s: the broker may be waiting for a crashed member's session to expire; HTTP serves meanwhile`,
        'EventConsumer',
      ),
    JOIN_WARNING_INTERVAL_MS,
  ).unref();
  try {
    await app.startAllMicroservices();
  } finally {
    clearInterval(warning);
  }
  logger.log(
    `the event consumers joined their groups in ${Date.now() - started} ms`,
    'EventConsumer',
  );
}

/** A create's Idempotency-Key sent again with another request is a 422. */
function idempotencyKeyReusedAnswer(error: unknown) {
  if (!(error instanceof IdempotencyKeyReusedError)) return undefined;
  return idempotencyKeyReused(error.message);
}

/** A write based on a stale read (`assertVersion` in a service) is a 409 naming the current version. */
function staleVersionAnswer(error: unknown) {
  if (!(error instanceof StaleVersionError)) return undefined;
  return staleVersion(
    error.entityType,
    error.entityId,
    error.expectedVersion,
    error.currentVersion,
  );
}
