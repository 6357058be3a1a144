import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ciRetired, relationshipCreated, relationshipDeleted } from '@itsm/contracts';
import { OnEvent, type EventContext, type EventOf } from '@itsm/messaging';
import { RefreshFootprints } from './refresh-footprints';

/**
 * The CMDB's graph changing around changes' CIs: a relationship added or removed, a CI retired
 * (the CMDB's walks no longer report it). Each asks for the footprints it may have made stale, in
 * the transaction of the event's inbox row, so a redelivered event asks nothing again.
 */
@Controller()
export class FootprintRefreshController {
  constructor(private readonly refresh: RefreshFootprints) {}

  @OnEvent(relationshipCreated, { subscription: 'footprint-refresh' })
  async related(@Payload() event: EventOf<typeof relationshipCreated>, @Ctx() ctx: EventContext) {
    await this.refresh.execute(ctx.manager, [event.data.sourceId, event.data.targetId], event.type);
  }

  @OnEvent(relationshipDeleted, { subscription: 'footprint-refresh' })
  async unrelated(@Payload() event: EventOf<typeof relationshipDeleted>, @Ctx() ctx: EventContext) {
    await this.refresh.execute(ctx.manager, [event.data.sourceId, event.data.targetId], event.type);
  }

  @OnEvent(ciRetired, { subscription: 'footprint-refresh' })
  async retired(@Payload() event: EventOf<typeof ciRetired>, @Ctx() ctx: EventContext) {
    await this.refresh.execute(ctx.manager, [event.data.id], event.type);
  }
}
