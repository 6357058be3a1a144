import type { EntityManager } from 'typeorm';

/**
 * Flow 7's record, in a service that makes something for a catalog item (the CMDB a CI, the change
 * service a standard change): what it made for each requested item, and whether the item was
 * withdrawn (its request cancelled). The withdrawal finds what to undo; a request handled after the
 * withdrawal (replayed from the dead letters) finds it withdrawn and makes nothing.
 *
 * The table: `requested_item_id uuid PRIMARY KEY`, the made record's id column, `provisioned_at`
 * and `withdrawn_at` (timestamptz, null until then).
 */
export class ProvisioningLedger {
  constructor(
    private readonly table: string,
    private readonly madeColumn: string,
  ) {}

  /**
   * Why `part` is not to be made for the item: it was withdrawn at that time; null if it was not.
   * Called first: the item's turn is held from here until the transaction ends.
   */
  async withdrawal(
    manager: EntityManager,
    requestedItemId: string,
    part: string,
  ): Promise<string | null> {
    await this.lockItem(manager, requestedItemId);
    const [row] = (await manager.query(
      `SELECT withdrawn_at FROM ${this.table} WHERE requested_item_id = $1`,
      [requestedItemId],
    )) as Array<{ withdrawn_at: Date | null }>;
    const at = row?.withdrawn_at;
    return at
      ? `The requested item was cancelled at ${at.toISOString()}: its ${part} is withdrawn`
      : null;
  }

  async recordMade(
    manager: EntityManager,
    requestedItemId: string,
    madeId: string,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.table} (requested_item_id, ${this.madeColumn}, provisioned_at)
       VALUES ($1, $2, $3)`,
      [requestedItemId, madeId, at],
    );
  }

  /** Records the withdrawal (once: the first one's time stays); the id of what was made, if any. */
  async recordWithdrawal(manager: EntityManager, requestedItemId: string): Promise<string | null> {
    await this.lockItem(manager, requestedItemId);
    const [row] = (await manager.query(
      `INSERT INTO ${this.table} (requested_item_id, withdrawn_at) VALUES ($1, now())
       ON CONFLICT (requested_item_id)
         DO UPDATE SET withdrawn_at = coalesce(${this.table}.withdrawn_at, EXCLUDED.withdrawn_at)
       RETURNING ${this.madeColumn} AS made`,
      [requestedItemId],
    )) as Array<{ made: string | null }>;
    return row!.made;
  }

  /**
   * One item's provisioning and withdrawal take turns until their transactions end: a withdrawal
   * handled at the same moment as a replayed request waits for what it made, and then undoes it.
   */
  private async lockItem(manager: EntityManager, requestedItemId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `${this.table}:${requestedItemId}`,
    ]);
  }
}
