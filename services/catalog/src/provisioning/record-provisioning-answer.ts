import { Injectable } from '@nestjs/common';
import { withAuditActor } from '@itsm/persistence';
import type { EntityManager } from 'typeorm';
import { FulfilmentWriter } from '../requests/fulfilment-writer';
import { RequestedItem } from '../requests/requested-item.entity';
import { recordAnswer, type Answer } from './domain/provisioning-outcome';
import { provisioningEvents } from './provisioning-events';

const ACTOR = 'system:provisioning';

/**
 * Records the CMDB's or the change service's answer on its requested item (flow 7), in the
 * transaction of the event's inbox row: the last creation awaited fulfils the item (and may close
 * the request); a refusal leaves it in fulfilment, needing attention. An answer already recorded,
 * for an item gone or never asked, changes nothing.
 */
@Injectable()
export class RecordProvisioningAnswer {
  constructor(private readonly writer: FulfilmentWriter) {}

  async execute(
    manager: EntityManager,
    requestedItemId: string,
    answer: Answer,
    now: Date,
  ): Promise<boolean> {
    const found = await manager.findOneBy(RequestedItem, { id: requestedItemId });
    if (!found) return false;
    // The request's row is the lock of its whole fulfilment.
    const f = await this.writer.load(manager, found.requestId);
    const item = f.items.find((i) => i.id === requestedItemId)!;
    if (item.state !== 'in_fulfilment' || !item.provisioning) return false;
    const outcome = recordAnswer(item.provisioning, answer, now);
    if (!outcome.recorded) return false;
    item.provisioning = outcome.provisioning;
    await withAuditActor(ACTOR, () =>
      this.writer.commit(manager, f, { changed: [item] }, ACTOR, now, [
        provisioningEvents.recorded(item, answer, outcome.provisioning, now),
      ]),
    );
    return true;
  }
}
