import { Module } from '@nestjs/common';
import { DeliveryClocks } from './delivery-clocks';
import { deliverySlaConfigProvider } from './delivery-sla-config';
import { DeliverySlaTimer } from './delivery-sla-timer';

/** Requested items' delivery SLAs: their clocks (kept by fulfilment) and the timer of their alerts. */
@Module({
  providers: [DeliveryClocks, DeliverySlaTimer, deliverySlaConfigProvider],
  exports: [DeliveryClocks],
})
export class DeliverySlaModule {}
