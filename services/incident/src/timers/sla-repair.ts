import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { INCIDENT_CONFIG, type IncidentConfig } from '../incident-config';
import { SlaClocksService } from '../sla/sla-clocks.service';
import { RecurringJob } from './recurring-job';

const BATCH = 200;

/**
 * SLA repair: after a definition or schedule changed, recomputes the clocks of every incident that
 * can still run one, a batch per transaction, each incident locked against changes meanwhile. The
 * request row records the progress, so one replica works at a time and a restart resumes.
 */
@Injectable()
export class SlaRepair extends RecurringJob {
  protected readonly logger = new Logger(SlaRepair.name);

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
      const [pending] = (await manager.query(
        'SELECT after_id FROM sla_repair FOR UPDATE SKIP LOCKED',
      )) as Array<{ after_id: string | null }>;
      if (!pending) return 0;
      const batch = (await manager.query(
        `SELECT id FROM incidents
          WHERE state IN ('new', 'in_progress', 'on_hold', 'resolved') AND ($1::uuid IS NULL OR id > $1)
          ORDER BY id LIMIT ${BATCH} FOR UPDATE`,
        [pending.after_id],
      )) as Array<{ id: string }>;
      if (batch.length === 0) {
        await manager.query('DELETE FROM sla_repair');
        this.logger.log('SLA clocks of open incidents recomputed');
        return 0;
      }
      for (const { id } of batch) {
        // Each in its own savepoint: an incident whose clocks cannot be computed is logged and
        // passed over, not allowed to stop the repair of all the others.
        await manager
          .transaction((inner) => this.slas.recompute(inner, id, now))
          .catch((error: Error) =>
            this.logger.error(`SLA clocks of incident ${id} not repaired: ${error.message}`),
          );
      }
      await manager.query('UPDATE sla_repair SET after_id = $1', [batch[batch.length - 1]!.id]);
      return batch.length;
    });
  }
}
