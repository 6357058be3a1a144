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

/**
 * A write through the API or provisioning that may set identifiers: no import batch runs until its
 * transaction ends. Taken first, before any CI row is locked: an import holds its turn while it
 * updates CI rows, so a writer holding a row and then waiting for the turn would deadlock with it.
 */
export async function shareImportTurn(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [IMPORT_LOCK]);
}

/** One identifier value: no other writer of it meanwhile (the caller shares the import turn). */
export async function lockIdentifier(manager: EntityManager, key: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
}
