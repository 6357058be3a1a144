import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import {
  answerCreated,
  AnswersWithETag,
  ApiIdempotentCreate,
  ApiPage,
  ApiProblem,
  ApiVersionedChange,
  checkedIdempotencyKey,
  ETAG_HEADER,
  expectedVersion,
  ParseIdPipe,
} from '@itsm/http';
import { PEOPLE } from '../access';
import { CancelRequestRequest, ListRequestsQuery, SubmitRequestRequest } from './request.dto';
import { RequestResponse } from './request.response';
import { RequestsService } from './requests.service';
import { CancelRequest } from './use-cases/cancel-request';
import { SubmitRequest } from './use-cases/submit-request';

@ApiTags('requests')
@AnswersWithETag()
@Controller('api/v1/requests')
export class RequestsController {
  constructor(
    private readonly requests: RequestsService,
    private readonly submitRequest: SubmitRequest,
    private readonly cancelRequest: CancelRequest,
  ) {}

  @Post()
  @Roles(...PEOPLE)
  @ApiOperation({
    operationId: 'submitRequest',
    summary: 'Order one or more catalog items (a cart): their forms are checked, fulfilment starts',
  })
  // Above the create's own 422 (key reused), so that Swagger appends this one to its description.
  @ApiProblem(
    422,
    'approval-impossible: an item needs the approval of a manager the people directory does not name, or who is the one ordering',
  )
  @ApiIdempotentCreate({ type: RequestResponse, record: 'request' })
  @ApiProblem(409, 'An item is retired or not yet published')
  async submit(
    @Body() request: SubmitRequestRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentUser() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const key = checkedIdempotencyKey(idempotencyKey);
    const { view, replayed } = await this.submitRequest.execute(request, caller, key);
    answerCreated(reply, `/api/v1/requests/${view.id}`, replayed);
    return view;
  }

  @Get()
  @Roles(...PEOPLE)
  @ApiOperation({
    operationId: 'listRequests',
    summary: "The caller's requests, newest first (catalog managers: all)",
  })
  @ApiPage(RequestResponse, 'One page of requests, newest first')
  list(@Query() query: ListRequestsQuery, @CurrentUser() caller: Principal) {
    return this.requests.list(query, caller);
  }

  @Get(':id')
  @Roles(...PEOPLE)
  @ApiOperation({ operationId: 'getRequest', summary: 'A request with its items and their tasks' })
  @ApiOkResponse({ type: RequestResponse, headers: ETAG_HEADER })
  get(@Param('id', ParseIdPipe) id: string, @CurrentUser() caller: Principal) {
    return this.requests.get(id, caller);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles(...PEOPLE)
  @ApiVersionedChange({
    answer: 'The request, what was still open of it cancelled',
    conflicts: 'it is closed',
    type: RequestResponse,
  })
  @ApiOperation({
    operationId: 'cancelRequest',
    summary: 'Cancel what is still open of a request (who it is by or for, or a catalog manager)',
  })
  cancel(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: CancelRequestRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
  ) {
    return this.cancelRequest.execute(id, expectedVersion(ifMatch, request.version), caller);
  }
}
