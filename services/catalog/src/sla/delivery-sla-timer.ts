import { Inject, Injectable } from '@nestjs/common';
import { RecurringJob } from '@itsm/runtime';
import { runSlaTimerBatch } from '@itsm/sla/timer';
import { DataSource, type EntityManager } from 'typeorm';
import { DELIVERY_CLOCKS, DeliveryClocks } from './delivery-clocks';
import { DELIVERY_SLA_CONFIG, type DeliverySlaConfig } from './delivery-sla-config';

/**
 * Announces delivery warnings and breaches when they fall due (`runSlaTimerBatch`, as the
 * incident service's SLA timer): each once across replicas, also what fell due while none ran.
 */
@Injectable()
export class DeliverySlaTimer extends RecurringJob {
  constructor(
    dataSource: DataSource,
    private readonly clocks: DeliveryClocks,
    @Inject(DELIVERY_SLA_CONFIG) config: DeliverySlaConfig,
  ) {
    super(dataSource, config.CATALOG_TIMER_INTERVAL_MS);
  }

  protected runBatch(manager: EntityManager, now: Date): Promise<number> {
    return runSlaTimerBatch(
      manager,
      DELIVERY_CLOCKS,
      (inner, clockId, at) => this.clocks.fireDue(inner, clockId, at),
      now,
      this.logger,
    );
  }
}
