import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { INCIDENT_CONFIG, type IncidentConfig } from '../incident-config';
import { SlaClocksService } from '../sla/sla-clocks.service';
import { RecurringJob } from './recurring-job';

const BATCH = 100;

/**
 * Announces SLA warnings and breaches when they fall due. Clocks are claimed with SKIP LOCKED, so
 * replicas share the work and each alert is sent once; alerts that fell due while no replica ran
 * are sent at the next start, with the moment they were reached.
 */
@Injectable()
export class SlaTimer extends RecurringJob {
  protected readonly logger = new Logger(SlaTimer.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly slas: SlaClocksService,
    @Inject(INCIDENT_CONFIG) private readonly config: IncidentConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.INCIDENT_TIMER_INTERVAL_MS;
  }

  protected runOnce(now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = (await manager.query(
        `SELECT id FROM incident_slas WHERE next_alert_at <= $1
          ORDER BY next_alert_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        [now],
      )) as Array<{ id: string }>;
      for (const { id } of due) await this.slas.fireDue(manager, id, now);
      return due.length;
    });
  }
}
