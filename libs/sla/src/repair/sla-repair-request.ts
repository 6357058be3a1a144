import type { EntityManager } from 'typeorm';

/** The one-row table `sla_repair` (pending, requested_at, after_id, deferred) each service owns. */
export interface SlaRepairStatus {
  pending: boolean;
  requestedAt: Date | null;
  /** Subjects a change held when the repair came to them; it comes back to them. */
  deferredIds: string[];
}

/**
 * (Re)starts the SLA repair from the first subject, committed with the change that needs it.
 * Called first: the repair's batch holds this row while its clocks reference the definitions, so a
 * change that locked a definition before waiting here could deadlock with it.
 */
export async function requestSlaRepair(manager: EntityManager): Promise<void> {
  await manager.query(
    `INSERT INTO sla_repair (pending, requested_at, after_id, deferred) VALUES (true, now(), NULL, '{}')
     ON CONFLICT (pending) DO UPDATE SET requested_at = now(), after_id = NULL, deferred = '{}'`,
  );
}

/** Whether clocks still wait to be recomputed after a change of definitions or schedules. */
export async function slaRepairStatus(
  manager: Pick<EntityManager, 'query'>,
): Promise<SlaRepairStatus> {
  const [pending] = (await manager.query(
    'SELECT requested_at, deferred FROM sla_repair',
  )) as Array<{
    requested_at: Date;
    deferred: string[];
  }>;
  return {
    pending: pending !== undefined,
    requestedAt: pending?.requested_at ?? null,
    deferredIds: pending?.deferred ?? [],
  };
}
