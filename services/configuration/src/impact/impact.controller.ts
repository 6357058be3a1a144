import { Controller, Get, Param, Query } from '@nestjs/common';
import { RouteSchema } from '@nestjs/platform-fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '@itsm/http';
import { Roles } from '@itsm/auth';
import { READERS } from '../access';
import { DepthQuery } from '../cis/ci.dto';
import { IMPACT_ANSWER } from './impact-answer.schema';
import { ImpactService } from './impact.service';

@ApiTags('impact')
@Controller('api/v1/cis')
export class ImpactController {
  constructor(private readonly impact: ImpactService) {}

  @Get(':id/impact')
  @RouteSchema({ response: { 200: IMPACT_ANSWER } })
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'Every CI and business service that depends on this CI, transitively, with depth and one path',
  })
  impactOf(@Param('id', ParseIdPipe) id: string, @Query() query: DepthQuery) {
    return this.impact.analyse(id, 'impact', query);
  }

  @Get(':id/dependencies')
  @RouteSchema({ response: { 200: IMPACT_ANSWER } })
  @Roles(...READERS)
  @ApiOperation({ summary: 'Everything this CI depends on, transitively, with depth and one path' })
  dependenciesOf(@Param('id', ParseIdPipe) id: string, @Query() query: DepthQuery) {
    return this.impact.analyse(id, 'dependencies', query);
  }
}
