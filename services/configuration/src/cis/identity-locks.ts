import type { EntityManager } from 'typeorm';

/**
 * Who may write CI identifiers (serial numbers, host names…) at once, so that no value identifies
 * two CIs. An import batch writes thousands of them, too many to lock one by one, so it takes this
 * lock alone (batches run one at a time); a write through the API or provisioning shares it, then
 * locks the values it writes. Either waits for the other: at most one batch, or a few writes.
 */
const IMPORT_LOCK = 'cmdb:import';

/** An import batch's turn: alone among imports and identifier writes, until its transaction ends. */
export async function takeImportTurn(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [IMPORT_LOCK]);
}

/** One identifier value, written by the API: no import runs meanwhile, nor another writer of it. */
export async function lockIdentifier(manager: EntityManager, key: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [IMPORT_LOCK]);
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
}
