import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  requestedItemProvisioningRequested,
  requestedItemProvisioningWithdrawn,
} from '@itsm/contracts';
import { OnEvent, type EventContext, type EventOf } from '@itsm/messaging';
import { ProvisionCi, WithdrawProvisionedCi } from './provision-ci';

/** Flow 7: the catalog's fulfilled requested items that provision a CI. */
@Controller()
export class ProvisioningRequestsController {
  constructor(
    private readonly provision: ProvisionCi,
    private readonly withdraw: WithdrawProvisionedCi,
  ) {}

  @OnEvent(requestedItemProvisioningRequested, { subscription: 'catalog-provisioning' })
  async requested(
    @Payload() event: EventOf<typeof requestedItemProvisioningRequested>,
    @Ctx() ctx: EventContext,
  ) {
    const { id, requestId, ci } = event.data;
    if (!ci) return;
    await this.provision.execute(
      ctx.manager,
      { requestedItemId: id, requestId, ...ci },
      new Date(),
    );
  }

  @OnEvent(requestedItemProvisioningWithdrawn, { subscription: 'catalog-provisioning' })
  async withdrawn(
    @Payload() event: EventOf<typeof requestedItemProvisioningWithdrawn>,
    @Ctx() ctx: EventContext,
  ) {
    const { id, number, ci } = event.data;
    if (ci) await this.withdraw.execute(ctx.manager, id, number);
  }
}
