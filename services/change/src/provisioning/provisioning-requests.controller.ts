import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  requestedItemProvisioningRequested,
  requestedItemProvisioningWithdrawn,
} from '@itsm/contracts';
import { OnEvent, type EventContext, type EventOf } from '@itsm/messaging';
import { RaiseStandardChange } from './raise-standard-change';
import { WithdrawStandardChange } from './withdraw-standard-change';

/** Flow 7: the catalog's fulfilled requested items that need a standard change. */
@Controller()
export class ProvisioningRequestsController {
  constructor(
    private readonly raise: RaiseStandardChange,
    private readonly withdraw: WithdrawStandardChange,
  ) {}

  @OnEvent(requestedItemProvisioningRequested, { subscription: 'catalog-provisioning' })
  async requested(
    @Payload() event: EventOf<typeof requestedItemProvisioningRequested>,
    @Ctx() ctx: EventContext,
  ) {
    const { id, requestId, requestedFor, change } = event.data;
    if (!change) return;
    await this.raise.execute(
      ctx.manager,
      { requestedItemId: id, requestId, requestedFor, ...change },
      new Date(),
    );
  }

  @OnEvent(requestedItemProvisioningWithdrawn, { subscription: 'catalog-provisioning' })
  async withdrawn(
    @Payload() event: EventOf<typeof requestedItemProvisioningWithdrawn>,
    @Ctx() ctx: EventContext,
  ) {
    const { id, number, change } = event.data;
    if (change) await this.withdraw.execute(ctx.manager, id, number);
  }
}
