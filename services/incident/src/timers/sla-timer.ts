import { Inject, Injectable } from '@nestjs/common';
import { RecurringJob } from '@itsm/runtime';
import { runSlaTimerBatch } from '@itsm/sla/timer';
import { DataSource, type EntityManager } from 'typeorm';
import { INCIDENT_CONFIG, type IncidentConfig } from '../incident-config';
import { INCIDENT_CLOCKS, SlaClocksService } from '../sla/sla-clocks.service';

/**
 * Announces SLA warnings and breaches when they fall due (`runSlaTimerBatch`). Clocks are claimed
 * with SKIP LOCKED, so replicas share the work and each alert is sent once; alerts that fell due
 * while no replica ran are sent at the next start, with the moment they were reached.
 */
@Injectable()
export class SlaTimer extends RecurringJob {
  constructor(
    dataSource: DataSource,
    private readonly slas: SlaClocksService,
    @Inject(INCIDENT_CONFIG) config: IncidentConfig,
  ) {
    super(dataSource, config.INCIDENT_TIMER_INTERVAL_MS);
  }

  protected runBatch(manager: EntityManager, now: Date): Promise<number> {
    return runSlaTimerBatch(
      manager,
      INCIDENT_CLOCKS,
      (inner, slaId, at) => this.slas.fireDue(inner, slaId, at),
      now,
      this.logger,
    );
  }
}
