import { Module } from '@nestjs/common';
import { CatalogItemsModule } from '../catalog-items/catalog-items.module';
import { DeliverySlaModule } from '../sla/delivery-sla.module';
import { FulfilmentWriter } from './fulfilment-writer';
import { RequestsController } from './requests.controller';
import { RequestsService } from './requests.service';
import { TasksController } from './tasks.controller';
import { CancelRequest } from './use-cases/cancel-request';
import { SubmitRequest } from './use-cases/submit-request';
import { TransitionTask } from './use-cases/transition-task';

/** Requests, their requested items and the catalog tasks that fulfil them: one aggregate. */
@Module({
  imports: [CatalogItemsModule, DeliverySlaModule],
  controllers: [RequestsController, TasksController],
  providers: [RequestsService, FulfilmentWriter, SubmitRequest, CancelRequest, TransitionTask],
  exports: [FulfilmentWriter],
})
export class RequestsModule {}
