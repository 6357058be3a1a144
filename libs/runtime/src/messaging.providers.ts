import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Outbox, OutboxRelay, type KafkaClient } from '@itsm/messaging';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { KAFKA, SERVICE_CONFIG, SERVICE_DEFINITION, type ServiceConfig } from './service-config';
import type { ServiceDefinition } from './service-definition';

/** Runs the service's outbox relay while the application runs. */
@Injectable()
export class OutboxRelayRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly relay: OutboxRelay;

  constructor(
    dataSource: DataSource,
    @Inject(KAFKA) kafka: KafkaClient,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(SERVICE_DEFINITION) definition: ServiceDefinition,
    logger: Logger,
  ) {
    this.relay = new OutboxRelay({
      dataSource,
      kafka,
      name: definition.practice,
      batchSize: config.OUTBOX_BATCH_SIZE,
      pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
      retentionMs: config.OUTBOX_RETENTION_HOURS * 3600_000,
      sendTimeoutMs: config.OUTBOX_SEND_TIMEOUT_MS,
      log: (level, message) => logger[level === 'info' ? 'log' : level](message, 'OutboxRelay'),
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.relay.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.relay.stop();
  }
}

export const outboxProvider = {
  provide: Outbox,
  inject: [SERVICE_DEFINITION, SERVICE_CONFIG],
  useFactory: (definition: ServiceDefinition, config: ServiceConfig) =>
    new Outbox(definition.practice, config.KAFKA_TOPIC_PREFIX),
};
