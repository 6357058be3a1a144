import { setTimeout as sleep } from 'node:timers/promises';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EventConsumerTransport } from '@itsm/messaging';
import type { ServiceConfig } from '../service-config';
import type { ShutdownStep } from './graceful-shutdown';
import { ShutdownState } from './shutdown-state';

/**
 * A service's shutdown, in the order that loses nothing: readiness fails first (and the service
 * keeps serving for `SHUTDOWN_DELAY_MS`, while load balancers notice), then HTTP closes after the
 * requests in flight; the consumers finish their batch, commit it and leave their groups (their
 * partitions go to the other replicas at once, not after a session timeout); then the timers stop
 * and the outbox relay publishes what all of these wrote, before the pools close.
 */
export function serviceShutdownSteps(
  app: NestFastifyApplication,
  consumers: EventConsumerTransport,
  config: Pick<ServiceConfig, 'SHUTDOWN_DELAY_MS'>,
): ShutdownStep[] {
  return [
    {
      name: 'readiness fails',
      run: async () => {
        app.get(ShutdownState).begin();
        await sleep(config.SHUTDOWN_DELAY_MS);
      },
    },
    { name: 'HTTP closes after the requests in flight', run: () => app.getHttpAdapter().close() },
    { name: 'event consumers commit and leave their groups', run: () => consumers.close() },
    // Nest's own order from here: timers (onModuleDestroy), the relay's last drain
    // (beforeApplicationShutdown), then Kafka clients, database pools and telemetry.
    { name: 'timers, outbox relay, Kafka and database pools stop', run: () => app.close() },
  ];
}
