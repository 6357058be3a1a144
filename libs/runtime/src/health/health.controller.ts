import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@itsm/http';
import { KafkaAdmin } from '@itsm/messaging';
import { hasPendingMigrations } from '@itsm/persistence';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG, type ServiceConfig } from '../service-config';
import { ShutdownState } from '../shutdown/shutdown-state';
import { evaluateReadiness, type ReadinessReport } from './readiness';
import { recordReadiness } from './readiness-metrics';

/**
 * Liveness says the process serves HTTP; readiness says it can serve requests: its database
 * answers and its schema is current. Kafka is reported but advisory: every write goes through the
 * outbox, which the relay delivers when the broker is back, so a broker outage must not take every
 * replica out of traffic. Kubernetes routes traffic only when ready. The latest answer is also a
 * metric (`itsm_ready`, `itsm_readiness_check_up`) for alerts. A service shutting down is not
 * ready, whatever its dependencies say, so that traffic leaves it before HTTP closes.
 */
@ApiExcludeController()
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaAdmin,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly shutdown: ShutdownState,
  ) {}

  @Get('live')
  live(): { status: 'live' } {
    return { status: 'live' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    const report = this.shutdown.shuttingDown ? SHUTTING_DOWN : await this.checkDependencies();
    recordReadiness(report);
    void reply.status(report.status === 'ready' ? 200 : 503);
    return report;
  }

  private checkDependencies(): Promise<ReadinessReport> {
    return evaluateReadiness(
      {
        database: async () => {
          await this.dataSource.query('SELECT 1');
        },
        migrations: async () => {
          if (await hasPendingMigrations(this.dataSource))
            throw new Error('pending migrations have not run');
        },
        kafka: async () => {
          const cluster = await this.kafka.ping();
          return `${cluster.brokers} broker(s)`;
        },
      },
      this.config.READINESS_TIMEOUT_MS,
      ['kafka'],
    );
  }
}

const SHUTTING_DOWN: ReadinessReport = {
  status: 'not_ready',
  checks: { shutdown: { status: 'down', detail: 'the service is shutting down' } },
};
