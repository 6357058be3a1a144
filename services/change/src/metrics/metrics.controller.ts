import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itsm/auth';
import { figureWindow, FigureWindowQuery } from '@itsm/http';
import { READERS } from '../access';
import { ChangeFiguresResponse } from './change-figures.response';
import { ChangeFiguresService } from './change-figures.service';

@ApiTags('metrics')
@Controller('api/v1/change-metrics')
export class ChangeMetricsController {
  constructor(private readonly figures: ChangeFiguresService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'getChangeMetrics',
    summary: 'Success rate, emergency share, lead time and approval time, from–to',
  })
  @ApiOkResponse({ type: ChangeFiguresResponse })
  get(@Query() query: FigureWindowQuery) {
    return this.figures.figures(figureWindow(query));
  }
}
