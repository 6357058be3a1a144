import { Inject, Injectable } from '@nestjs/common';
import { RecurringJob } from '@itsm/runtime';
import { runSlaRepairBatch, type RepairSubjects } from '@itsm/sla/repair';
import { DataSource, type EntityManager } from 'typeorm';
import { INCIDENT_CONFIG, type IncidentConfig } from '../incident-config';
import { OPEN_STATES, type IncidentState } from '../incidents/domain/incident-states';
import type { IncidentSlaDefinition } from '../sla/domain/incident-sla-clock';
import { SlaClocksService } from '../sla/sla-clocks.service';

/** The states in which an incident can still run a clock (a resolved one can be reopened). */
const REPAIRABLE: readonly IncidentState[] = [...OPEN_STATES, 'resolved'];

/**
 * SLA repair (`runSlaRepairBatch`): after a definition or schedule changed, recomputes the clocks
 * of every incident that can still run one, a batch per run, one replica at a time.
 */
@Injectable()
export class SlaRepair extends RecurringJob {
  private readonly incidents: RepairSubjects<IncidentSlaDefinition> = {
    noun: 'incident',
    idsAfter: async (manager, afterId, limit) =>
      (
        (await manager.query(
          `SELECT id FROM incidents
            WHERE state = ANY($2) AND ($1::uuid IS NULL OR id > $1)
            ORDER BY id LIMIT ${limit}`,
          [afterId, REPAIRABLE],
        )) as Array<{ id: string }>
      ).map((row) => row.id),
    definitionsInForce: (manager) => this.slas.definitionsInForce(manager),
    repair: async (manager, id, now, definitions) => {
      const [open] = (await manager.query(
        `SELECT id FROM incidents WHERE id = $1 AND state = ANY($2) FOR NO KEY UPDATE NOWAIT`,
        [id, REPAIRABLE],
      )) as Array<{ id: string }>;
      if (open) await this.slas.recompute(manager, id, now, { definitions });
    },
  };

  constructor(
    dataSource: DataSource,
    private readonly slas: SlaClocksService,
    @Inject(INCIDENT_CONFIG) config: IncidentConfig,
  ) {
    super(dataSource, config.INCIDENT_TIMER_INTERVAL_MS);
  }

  protected runBatch(manager: EntityManager, now: Date): Promise<number> {
    return runSlaRepairBatch(manager, this.incidents, now, this.logger);
  }
}
