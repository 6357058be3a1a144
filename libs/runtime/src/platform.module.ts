import {
  type DynamicModule,
  Global,
  Inject,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule, authSettingsFrom } from '@itsm/auth';
import {
  createKafka,
  KafkaAdmin,
  kafkaSettingsFrom,
  Outbox,
  type KafkaClient,
} from '@itsm/messaging';
import { LoggingModule, MetricsController } from '@itsm/observability';
import { runningTelemetry } from '@itsm/observability/telemetry';
import { serviceDataSourceOptions } from '@itsm/persistence';
import { Logger as PinoLogger } from 'nestjs-pino';
import { HealthController } from './health/health.controller';
import { outboxProvider, OutboxRelayRunner } from './messaging.providers';
import { KAFKA, SERVICE_CONFIG, SERVICE_DEFINITION, type ServiceConfig } from './service-config';
import { serviceMigrations, type ServiceDefinition } from './service-definition';
import { ShutdownState } from './shutdown/shutdown-state';

/** What every service has: logging, its database, Kafka, health and metrics endpoints. */
@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown {
  constructor(@Inject(KafkaAdmin) private readonly kafkaAdmin: KafkaAdmin) {}

  static forRoot(definition: ServiceDefinition, config: ServiceConfig): DynamicModule {
    const serviceName = `itsm-${definition.practice}`;
    return {
      module: PlatformModule,
      imports: [
        LoggingModule.forRoot({ serviceName, level: config.LOG_LEVEL }),
        AuthModule.forRoot(authSettingsFrom(config)),
        TypeOrmModule.forRoot(
          serviceDataSourceOptions({
            url: config.DATABASE_URL,
            applicationName: serviceName,
            entities: definition.entities,
            migrations: serviceMigrations(definition),
            poolSize: config.DATABASE_POOL_SIZE,
          }),
        ),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: SERVICE_DEFINITION, useValue: definition },
        {
          provide: KAFKA,
          inject: [PinoLogger],
          useFactory: (logger: PinoLogger) =>
            createKafka(kafkaSettingsFrom(config, serviceName), (level, message, context) =>
              logger[level === 'info' ? 'log' : level]({ ...context, message }, 'Kafka'),
            ),
        },
        outboxProvider,
        OutboxRelayRunner,
        ShutdownState,
        {
          provide: KafkaAdmin,
          inject: [KAFKA],
          useFactory: (kafka: KafkaClient) => new KafkaAdmin(kafka),
        },
      ],
      exports: [
        SERVICE_CONFIG,
        SERVICE_DEFINITION,
        KAFKA,
        KafkaAdmin,
        Outbox,
        OutboxRelayRunner,
        ShutdownState,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.kafkaAdmin.disconnect();
    await runningTelemetry()?.shutdown();
  }
}
