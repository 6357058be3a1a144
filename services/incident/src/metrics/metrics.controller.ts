import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { Roles } from '@itsm/auth';
import { IsTimestamp, validationProblem } from '@itsm/http';
import { WORKERS } from '../access';
import { IncidentFiguresResponse } from './incident-figures.response';
import { IncidentFiguresService } from './incident-figures.service';

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
@Controller('api/v1/incident-metrics')
export class IncidentMetricsController {
  constructor(private readonly figures: IncidentFiguresService) {}

  @Get()
  @Roles(...WORKERS)
  @ApiOperation({
    operationId: 'getIncidentMetrics',
    summary:
      'Backlog by priority and group, MTTA, MTTR, SLA attainment, reopen rate (incidents opened from–to)',
  })
  @ApiOkResponse({ type: IncidentFiguresResponse })
  get(@Query() query: FiguresQuery) {
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * 24 * 3600 * 1000);
    if (from >= to) throw validationProblem([{ field: 'from', message: 'from must be before to' }]);
    return this.figures.figures({ from, to });
  }
}
