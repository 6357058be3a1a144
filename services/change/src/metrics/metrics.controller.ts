import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itsm/auth';
import { IsTimestamp, Omittable, validationProblem } from '@itsm/http';
import { READERS } from '../access';
import { ChangeFiguresResponse } from './change-figures.response';
import { ChangeFiguresService } from './change-figures.service';

const DAY = 24 * 3600 * 1000;

class FiguresQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'Default: 30 days before `to`' })
  @Omittable()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Default: now' })
  @Omittable()
  @IsTimestamp()
  to?: string;
}

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
  get(@Query() query: FiguresQuery) {
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY);
    if (from >= to) throw validationProblem([{ field: 'from', message: 'from must be before to' }]);
    return this.figures.figures({ from, to });
  }
}
