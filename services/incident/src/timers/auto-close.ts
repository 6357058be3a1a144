import { Inject, Injectable } from '@nestjs/common';
import { RecurringJob } from '@itsm/runtime';
import { DataSource, type EntityManager } from 'typeorm';
import { CloseIncidentAutomatically } from '../incidents/use-cases/close-incident-automatically';
import { Incident, INCIDENT_ROW_LOCK } from '../incidents/incident.entity';
import { INCIDENT_CONFIG, type IncidentConfig } from '../incident-config';

const BATCH = 100;

/** Closes incidents resolved for longer than INCIDENT_AUTO_CLOSE_AFTER_SECONDS, once each. */
@Injectable()
export class AutoClose extends RecurringJob {
  constructor(
    dataSource: DataSource,
    private readonly closeAutomatically: CloseIncidentAutomatically,
    @Inject(INCIDENT_CONFIG) private readonly config: IncidentConfig,
  ) {
    super(dataSource, config.INCIDENT_TIMER_INTERVAL_MS);
  }

  protected async runBatch(manager: EntityManager, now: Date): Promise<number> {
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
    for (const incident of due) await this.closeAutomatically.execute(manager, incident, now);
    return due.length;
  }
}
