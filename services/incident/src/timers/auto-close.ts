import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IncidentChangesService } from '../incidents/incident-changes.service';
import { Incident, INCIDENT_ROW_LOCK } from '../incidents/incident.entity';
import { INCIDENT_CONFIG, type IncidentConfig } from '../incident-config';
import { RecurringJob } from './recurring-job';

const BATCH = 100;

/** Closes incidents resolved for longer than INCIDENT_AUTO_CLOSE_AFTER_SECONDS, once each. */
@Injectable()
export class AutoClose extends RecurringJob {
  protected readonly logger = new Logger(AutoClose.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: IncidentChangesService,
    @Inject(INCIDENT_CONFIG) private readonly config: IncidentConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.INCIDENT_TIMER_INTERVAL_MS;
  }

  protected runOnce(now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = await manager
        .createQueryBuilder(Incident, 'i')
        .where(`i.state = 'resolved'`)
        .andWhere(`i.resolved_at <= :cutoff`, {
          cutoff: new Date(now.getTime() - this.config.INCIDENT_AUTO_CLOSE_AFTER_SECONDS * 1000),
        })
        .orderBy('i.resolved_at')
        .limit(BATCH)
        .setLock(INCIDENT_ROW_LOCK)
        .setOnLocked('skip_locked')
        .getMany();
      for (const incident of due) await this.changes.closeAutomatically(manager, incident, now);
      return due.length;
    });
  }
}
