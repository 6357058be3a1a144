import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { Roles } from '@itsm/auth';
import { IsTimestamp, validationProblem } from '@itsm/http';
import { FULFILLERS } from '../access';
import { CatalogFiguresResponse } from './catalog-figures.response';
import { CatalogFiguresService } from './catalog-figures.service';

class FiguresQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'Default: 30 days before `to`' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Default: now' })
  @IsOptional()
  @IsTimestamp()
  to?: string;
}

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
  get(@Query() query: FiguresQuery) {
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * 24 * 3600 * 1000);
    if (from >= to) throw validationProblem([{ field: 'from', message: 'from must be before to' }]);
    return this.figures.figures({ from, to });
  }
}
