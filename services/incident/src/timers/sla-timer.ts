import { Inject, Injectable } from '@nestjs/common';
import { RecurringJob } from '@itsm/runtime';
import { DataSource, type EntityManager } from 'typeorm';
import { INCIDENT_CONFIG, type IncidentConfig } from '../incident-config';
import { SlaClocksService } from '../sla/sla-clocks.service';

const BATCH = 100;
const RETRY_AFTER_FAILURE_MS = 60_000;

/**
 * Announces SLA warnings and breaches when they fall due. Clocks are claimed with SKIP LOCKED, so
 * replicas share the work and each alert is sent once; alerts that fell due while no replica ran
 * are sent at the next start, with the moment they were reached.
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

  protected async runBatch(manager: EntityManager, now: Date): Promise<number> {
    // The incident row is locked with its clock: a change in flight (which holds the incident)
    // is waited out by skipping, so an alert is never judged on a timeline missing that change.
    const due = (await manager.query(
      `SELECT s.id FROM incident_slas s JOIN incidents i ON i.id = s.incident_id
        WHERE s.next_alert_at <= $1
        ORDER BY s.next_alert_at LIMIT ${BATCH} FOR NO KEY UPDATE OF s, i SKIP LOCKED`,
      [now],
    )) as Array<{ id: string }>;
    for (const { id } of due) await this.fireOne(manager, id, now);
    return due.length;
  }

  /** One clock in its own savepoint: a clock that cannot be evaluated does not hold back the rest. */
  private async fireOne(manager: EntityManager, slaId: string, now: Date): Promise<void> {
    try {
      await manager.transaction((inner) => this.slas.fireDue(inner, slaId, now));
    } catch (error) {
      this.logger.error(`SLA clock ${slaId} could not be evaluated: ${(error as Error).message}`);
      await manager.query('UPDATE incident_slas SET next_alert_at = $2 WHERE id = $1', [
        slaId,
        new Date(now.getTime() + RETRY_AFTER_FAILURE_MS),
      ]);
    }
  }
}
