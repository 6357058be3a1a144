import type { EntityManager } from 'typeorm';

/**
 * Waits for, and holds until commit, the turn of whatever decides which planned changes meet which:
 * a change scheduled or moved (it looks for other changes and freezes) and a freeze declared or
 * moved (it lists the changes it stops). Two of them at once would each miss the other, still
 * uncommitted in its snapshot; in turns each reads after the last commit. They are rare and quick.
 */
export async function takeSchedulingTurn(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('change:scheduling'))`);
}
