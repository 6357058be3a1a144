import { Module } from '@nestjs/common';
import { BlackoutsController } from './blackouts.controller';
import { BlackoutsService } from './blackouts.service';
import { CreateBlackout } from './use-cases/create-blackout';
import { DeleteBlackout } from './use-cases/delete-blackout';
import { UpdateBlackout } from './use-cases/update-blackout';

/** Blackout windows (freezes): declared by change managers, read by everybody. */
@Module({
  controllers: [BlackoutsController],
  providers: [BlackoutsService, CreateBlackout, UpdateBlackout, DeleteBlackout],
  exports: [BlackoutsService],
})
export class BlackoutsModule {}
