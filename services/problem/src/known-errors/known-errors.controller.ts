import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import {
  AnswersWithETag,
  ApiPage,
  ApiVersionedChange,
  ParseIdPipe,
  expectedVersion,
} from '@itsm/http';
import { READERS } from '../access';
import { ProblemResponse } from '../problems/problem.response';
import { PublishKnownErrorRequest, SearchKnownErrorsQuery } from './known-error.dto';
import { KnownErrorResponse } from './known-error.response';
import { KnownErrorSearch } from './known-error-search';
import { PublishKnownError } from './use-cases/publish-known-error';

@ApiTags('known errors')
@Controller('api/v1')
export class KnownErrorsController {
  constructor(
    private readonly search: KnownErrorSearch,
    private readonly publishKnownError: PublishKnownError,
  ) {}

  @Get('known-errors')
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'searchKnownErrors',
    summary:
      'The known-error database: by CI, service and full text, best match first, with highlighted snippets',
  })
  @ApiPage(KnownErrorResponse, 'One page of known errors, best match (or newest) first')
  list(@Query() query: SearchKnownErrorsQuery) {
    return this.search.search(query);
  }

  @Post('problems/:id/known-error')
  @HttpCode(200)
  @AnswersWithETag()
  @Roles(...READERS)
  @ApiVersionedChange({
    answer: 'The problem, published as a known error',
    conflicts: 'its state does not allow a known error (the current and allowed states are named)',
    type: ProblemResponse,
  })
  @ApiOperation({
    operationId: 'publishKnownError',
    summary:
      'Publish the problem as a known error with its root cause and workaround (Root Cause Analysis or Fix in Progress)',
  })
  publish(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: PublishKnownErrorRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
  ) {
    const version = expectedVersion(ifMatch, request.version);
    return this.publishKnownError.execute(id, request, version, caller);
  }
}
