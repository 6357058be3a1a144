import { Module } from '@nestjs/common';
import { CatalogFiguresService } from './catalog-figures.service';
import { CatalogMetricsController } from './metrics.controller';

/** The catalog's figures: the API and the gauges on /metrics. */
@Module({ controllers: [CatalogMetricsController], providers: [CatalogFiguresService] })
export class MetricsModule {}
