import { Module } from '@nestjs/common';
import { SlaClocksService } from './sla-clocks.service';
import { SlaSettingsController } from './sla-settings.controller';
import { SlaSettingsService } from './sla-settings.service';

@Module({
  controllers: [SlaSettingsController],
  providers: [SlaClocksService, SlaSettingsService],
  exports: [SlaClocksService],
})
export class SlaModule {}
