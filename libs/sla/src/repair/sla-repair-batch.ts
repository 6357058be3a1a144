import { isConcurrencyFailure } from '@itsm/persistence';
import type { EntityManager } from 'typeorm';

/** What the repair needs to know of the subjects whose clocks it recomputes. */
export interface RepairSubjects<Definition> {
  /** Singular, for the log: 'incident'. */
  noun: string;
  /** Up to `limit` ids after `afterId` (from the first when null), in id order, of subjects that can still run a clock. */
  idsAfter(manager: EntityManager, afterId: string | null, limit: number): Promise<string[]>;
  definitionsInForce(manager: EntityManager): Promise<Definition[]>;
  /**
   * Locks the subject without waiting (failing with a concurrency failure when a change holds it)
   * and, if it can still run a clock, recomputes its clocks.
   */
  repair(manager: EntityManager, id: string, now: Date, definitions: Definition[]): Promise<void>;
}

export interface RepairLog {
  log(message: string): void;
  error(message: string): void;
}

const BATCH = 200;

interface PendingRepair {
  after_id: string | null;
  deferred: string[];
}

/**
 * One batch of the SLA repair, in the caller's transaction: after a definition or schedule changed,
 * recomputes the clocks of the subjects that can still run one. The request row records the
 * progress (the last subject passed, the ones deferred), so one replica works at a time and a
 * restart resumes. Returns how many subjects it handled (0: nothing to do, or all still held).
 *
 * Each subject is locked without waiting: a change in flight may lock several subjects (a parent
 * with its children) in an order of its own, and waiting for it while holding a batch could
 * deadlock. A subject a change holds is deferred and tried again at each run until it is free;
 * the repair ends when it has passed the last subject and deferred none.
 */
export async function runSlaRepairBatch<Definition>(
  manager: EntityManager,
  subjects: RepairSubjects<Definition>,
  now: Date,
  log: RepairLog,
): Promise<number> {
  const [pending] = (await manager.query(
    'SELECT after_id, deferred FROM sla_repair FOR UPDATE SKIP LOCKED',
  )) as PendingRepair[];
  if (!pending) return 0;
  const batch = await subjects.idsAfter(manager, pending.after_id, BATCH);
  // Definitions cannot change meanwhile: a change waits for this batch's hold on the request.
  const definitions = await subjects.definitionsInForce(manager);
  const deferred: string[] = [];
  let done = 0;
  for (const id of [...pending.deferred, ...batch]) {
    if (await repairOne(manager, subjects, id, { now, definitions, log })) done++;
    else deferred.push(id);
  }
  if (batch.length === 0 && deferred.length === 0) {
    await manager.query('DELETE FROM sla_repair');
    log.log(`SLA clocks of open ${subjects.noun}s recomputed`);
    return done;
  }
  await manager.query('UPDATE sla_repair SET after_id = $1, deferred = $2', [
    batch.at(-1) ?? pending.after_id,
    deferred,
  ]);
  // With only deferred subjects left, all still held, the next run waits rather than spins.
  return batch.length > 0 ? batch.length : done;
}

/**
 * One subject in its own savepoint; false if a change holds it. A subject whose clocks cannot be
 * computed is logged and passed over, not allowed to stop the repair of all the others.
 */
async function repairOne<Definition>(
  manager: EntityManager,
  subjects: RepairSubjects<Definition>,
  id: string,
  run: { now: Date; definitions: Definition[]; log: RepairLog },
): Promise<boolean> {
  try {
    await manager.transaction((inner) => subjects.repair(inner, id, run.now, run.definitions));
    return true;
  } catch (error) {
    if (isConcurrencyFailure(error)) return false;
    run.log.error(`SLA clocks of ${subjects.noun} ${id} not repaired: ${(error as Error).message}`);
    return true;
  }
}
