import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itsm/auth';
import { figureWindow, FigureWindowQuery } from '@itsm/http';
import { FULFILLERS } from '../access';
import { CatalogFiguresResponse } from './catalog-figures.response';
import { CatalogFiguresService } from './catalog-figures.service';

@ApiTags('metrics')
@Controller('api/v1/catalog-metrics')
export class CatalogMetricsController {
  constructor(private readonly figures: CatalogFiguresService) {}

  @Get()
  @Roles(...FULFILLERS)
  @ApiOperation({
    operationId: 'getCatalogMetrics',
    summary:
      'Requested items by catalog item, time to fulfil, approval lead time, delivery SLA attainment (items opened from–to)',
  })
  @ApiOkResponse({ type: CatalogFiguresResponse })
  get(@Query() query: FigureWindowQuery) {
    return this.figures.figures(figureWindow(query));
  }
}
