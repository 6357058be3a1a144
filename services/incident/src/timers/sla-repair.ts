import { Inject, Injectable, Logger } from '@nestjs/common';
import { isLockNotAvailable } from '@itsm/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { INCIDENT_CONFIG, type IncidentConfig } from '../incident-config';
import { SlaClocksService } from '../sla/sla-clocks.service';
import { RecurringJob } from './recurring-job';

const BATCH = 200;
/** The states in which an incident can still run a clock. */
const REPAIRABLE = `'new', 'in_progress', 'on_hold', 'resolved'`;

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
          WHERE state IN (${REPAIRABLE}) AND ($1::uuid IS NULL OR id > $1)
          ORDER BY id LIMIT ${BATCH}`,
        [pending.after_id],
      )) as Array<{ id: string }>;
      if (batch.length === 0) {
        await manager.query('DELETE FROM sla_repair');
        this.logger.log('SLA clocks of open incidents recomputed');
        return 0;
      }
      let repairedUpTo = pending.after_id;
      for (const { id } of batch) {
        if (!(await this.repairOne(manager, id, now))) break;
        repairedUpTo = id;
      }
      await manager.query('UPDATE sla_repair SET after_id = $1', [repairedUpTo]);
      return repairedUpTo === pending.after_id ? 0 : batch.length;
    });
  }

  /**
   * One incident in its own savepoint. Its lock is taken without waiting: a change in flight may
   * lock several incidents (a parent with its children) in an order of its own, and waiting for it
   * while holding this batch's locks could deadlock. A busy incident ends the batch there; the next
   * run resumes from it. An incident whose clocks cannot be computed is logged and passed over, not
   * allowed to stop the repair of all the others. Returns whether the repair may go on.
   */
  private async repairOne(manager: EntityManager, id: string, now: Date): Promise<boolean> {
    try {
      await manager.transaction(async (inner) => {
        const [open] = (await inner.query(
          `SELECT id FROM incidents WHERE id = $1 AND state IN (${REPAIRABLE}) FOR NO KEY UPDATE NOWAIT`,
          [id],
        )) as Array<{ id: string }>;
        if (open) await this.slas.recompute(inner, id, now);
      });
      return true;
    } catch (error) {
      if (isLockNotAvailable(error)) return false;
      this.logger.error(`SLA clocks of incident ${id} not repaired: ${(error as Error).message}`);
      return true;
    }
  }
}
