import { Inject, Injectable, Logger } from '@nestjs/common';
import { isConcurrencyFailure } from '@itsm/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { INCIDENT_CONFIG, type IncidentConfig } from '../incident-config';
import type { SlaDefinition } from '../sla/sla-clock';
import { SlaClocksService } from '../sla/sla-clocks.service';
import { RecurringJob } from './recurring-job';

const BATCH = 200;
/** The states in which an incident can still run a clock. */
const REPAIRABLE = `'new', 'in_progress', 'on_hold', 'resolved'`;

interface PendingRepair {
  after_id: string | null;
  deferred: string[];
}

/**
 * SLA repair: after a definition or schedule changed, recomputes the clocks of every incident that
 * can still run one, a batch per transaction. The request row records the progress (the last
 * incident passed, the ones deferred), so one replica works at a time and a restart resumes.
 *
 * Each incident is locked without waiting: a change in flight may lock several incidents (a parent
 * with its children) in an order of its own, and waiting for it while holding a batch could
 * deadlock. An incident a change holds is deferred and tried again at each run until it is free;
 * the repair ends when it has passed the last incident and deferred none.
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
        'SELECT after_id, deferred FROM sla_repair FOR UPDATE SKIP LOCKED',
      )) as PendingRepair[];
      if (!pending) return 0;
      const batch = (
        (await manager.query(
          `SELECT id FROM incidents
            WHERE state IN (${REPAIRABLE}) AND ($1::uuid IS NULL OR id > $1)
            ORDER BY id LIMIT ${BATCH}`,
          [pending.after_id],
        )) as Array<{ id: string }>
      ).map((row) => row.id);
      // Definitions cannot change meanwhile: a change waits for this batch's hold on the request.
      const definitions = await this.slas.definitionsInForce(manager);
      const deferred: string[] = [];
      let done = 0;
      for (const id of [...pending.deferred, ...batch]) {
        if (await this.repairOne(manager, id, now, definitions)) done++;
        else deferred.push(id);
      }
      if (batch.length === 0 && deferred.length === 0) {
        await manager.query('DELETE FROM sla_repair');
        this.logger.log('SLA clocks of open incidents recomputed');
        return done;
      }
      await manager.query('UPDATE sla_repair SET after_id = $1, deferred = $2', [
        batch.at(-1) ?? pending.after_id,
        deferred,
      ]);
      // With only deferred incidents left, all still held, the next run waits rather than spins.
      return batch.length > 0 ? batch.length : done;
    });
  }

  /**
   * One incident in its own savepoint; false if a change holds it. An incident whose clocks cannot
   * be computed is logged and passed over, not allowed to stop the repair of all the others.
   */
  private async repairOne(
    manager: EntityManager,
    id: string,
    now: Date,
    definitions: SlaDefinition[],
  ): Promise<boolean> {
    try {
      await manager.transaction(async (inner) => {
        const [open] = (await inner.query(
          `SELECT id FROM incidents WHERE id = $1 AND state IN (${REPAIRABLE}) FOR NO KEY UPDATE NOWAIT`,
          [id],
        )) as Array<{ id: string }>;
        if (open) await this.slas.recompute(inner, id, now, { definitions });
      });
      return true;
    } catch (error) {
      if (isConcurrencyFailure(error)) return false;
      this.logger.error(`SLA clocks of incident ${id} not repaired: ${(error as Error).message}`);
      return true;
    }
  }
}
