import type {
  EventData,
  EventDefinition,
  requestedItemProvisioningRequested,
  requestedItemProvisioningWithdrawn,
} from '@itsm/contracts';
import { Inbox, type EventContext, type EventOf } from '@itsm/messaging';
import type { DataSource } from 'typeorm';

/**
 * Hands events to one subscription's handlers as its consumer does, without a broker: each event's
 * inbox row and its effect in one transaction, and an event whose id the inbox holds skipped (a
 * redelivery). `practice` and `subscription` name the consumer group, e.g. `change`,
 * `catalog-provisioning`.
 */
export class EventDelivery {
  private readonly inbox: Inbox;

  constructor(
    private readonly dataSource: DataSource,
    practice: string,
    private readonly subscription: string,
  ) {
    this.inbox = new Inbox(`itsm-${practice}.${subscription}`);
  }

  /** Delivers `data` as an event of `definition` (with `id`, to deliver one again) to `handle`. */
  deliver<D extends EventDefinition>(
    definition: D,
    data: EventOf<D>['data'],
    handle: (event: EventOf<D>, ctx: EventContext) => Promise<unknown>,
    id: string = crypto.randomUUID(),
  ): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const claimed = await this.inbox.claim(manager, [{ id, type: definition.type }]);
      if (!claimed.has(id)) return;
      const event = { id, type: definition.type, data } as EventOf<D>;
      await handle(event, { manager, subscription: this.subscription, attempt: 1 });
    });
  }
}

/** The catalog's withdrawal of the item a provisioning request was for (its request cancelled). */
export function withdrawalOf(
  requested: EventData<typeof requestedItemProvisioningRequested>,
  withdrawnBy = 'kate',
): EventData<typeof requestedItemProvisioningWithdrawn> {
  return {
    id: requested.id,
    number: requested.number,
    requestId: requested.requestId,
    ci: requested.ci !== undefined,
    change: requested.change !== undefined,
    withdrawnBy,
    withdrawnAt: new Date().toISOString(),
  };
}
