import { Module } from '@nestjs/common';
import { ChangeFiguresService } from './change-figures.service';
import { ChangeMetricsController } from './metrics.controller';

/** The change figures, on the API and on /metrics. */
@Module({ controllers: [ChangeMetricsController], providers: [ChangeFiguresService] })
export class MetricsModule {}
