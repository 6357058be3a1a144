import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ciRetired, relationshipCreated, relationshipDeleted } from '@itsm/contracts';
import { LOCKING_CHUNK_SIZE, OnEvent, type EventContext, type EventOf } from '@itsm/messaging';
import { RefreshFootprints } from './refresh-footprints';

/**
 * The requests' rows stay locked until the chunk commits, and a bulk import's events spread over
 * partitions reach the same changes in any order: smaller chunks hold fewer of them at once.
 */
const REFRESH = { subscription: 'footprint-refresh', chunkSize: LOCKING_CHUNK_SIZE };

/**
 * The CMDB's graph changing around changes' CIs: a relationship added or removed, a CI retired
 * (the CMDB's walks no longer report it). Each asks for the footprints it may have made stale, in
 * the transaction of the event's inbox row, so a redelivered event asks nothing again.
 */
@Controller()
export class FootprintRefreshController {
  constructor(private readonly refresh: RefreshFootprints) {}

  @OnEvent(relationshipCreated, REFRESH)
  async related(@Payload() event: EventOf<typeof relationshipCreated>, @Ctx() ctx: EventContext) {
    await this.refresh.execute(ctx.manager, [event.data.sourceId, event.data.targetId], event.type);
  }

  @OnEvent(relationshipDeleted, REFRESH)
  async unrelated(@Payload() event: EventOf<typeof relationshipDeleted>, @Ctx() ctx: EventContext) {
    await this.refresh.execute(ctx.manager, [event.data.sourceId, event.data.targetId], event.type);
  }

  @OnEvent(ciRetired, REFRESH)
  async retired(@Payload() event: EventOf<typeof ciRetired>, @Ctx() ctx: EventContext) {
    await this.refresh.execute(ctx.manager, [event.data.id], event.type);
  }
}
