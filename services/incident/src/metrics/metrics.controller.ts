import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itsm/auth';
import { figureWindow, FigureWindowQuery } from '@itsm/http';
import { WORKERS } from '../access';
import { IncidentFiguresResponse } from './incident-figures.response';
import { IncidentFiguresService } from './incident-figures.service';

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
  get(@Query() query: FigureWindowQuery) {
    return this.figures.figures(figureWindow(query));
  }
}
