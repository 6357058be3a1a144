import { Module } from '@nestjs/common';
import { IncidentFiguresService } from './incident-figures.service';
import { IncidentMetricsController } from './metrics.controller';

@Module({
  controllers: [IncidentMetricsController],
  providers: [IncidentFiguresService],
})
export class MetricsModule {}
