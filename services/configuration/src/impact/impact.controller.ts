import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '@itsm/http';
import { Roles } from '@itsm/auth';
import { READERS } from '../access';
import { DepthQuery } from '../cis/ci.dto';
import { IMPACT_ANSWER } from './impact-answer.schema';
import { ImpactService } from './impact.service';

/** Written as bytes by `writeImpactAnswer`: Fastify sends them as they are. */
const JSON_UTF8 = 'application/json; charset=utf-8';

@ApiTags('impact')
@Controller('api/v1/cis')
export class ImpactController {
  constructor(private readonly impact: ImpactService) {}

  @Get(':id/impact')
  @Header('content-type', JSON_UTF8)
  @ApiOkResponse({ description: 'What depends on the CI', schema: IMPACT_ANSWER as object })
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'getCiImpact',
    summary:
      'Every CI and business service that depends on this CI, transitively, with depth and one path',
  })
  impactOf(@Param('id', ParseIdPipe) id: string, @Query() query: DepthQuery) {
    return this.impact.answer(id, 'impact', query);
  }

  @Get(':id/dependencies')
  @Header('content-type', JSON_UTF8)
  @ApiOkResponse({ description: 'What the CI depends on', schema: IMPACT_ANSWER as object })
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'getCiDependencies',
    summary: 'Everything this CI depends on, transitively, with depth and one path',
  })
  dependenciesOf(@Param('id', ParseIdPipe) id: string, @Query() query: DepthQuery) {
    return this.impact.answer(id, 'dependencies', query);
  }
}
