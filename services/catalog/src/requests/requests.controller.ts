import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import {
  AnswersWithETag,
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

const LOCATION = { Location: { description: 'The request', schema: { type: 'string' } } };

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
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key returns the request the first one submitted',
  })
  @ApiResponse({
    status: 201,
    description: 'Submitted',
    type: RequestResponse,
    headers: { ...LOCATION, ...ETAG_HEADER },
  })
  @ApiResponse({
    status: 200,
    description: 'A retry: the request the first submission with this Idempotency-Key made',
    type: RequestResponse,
    headers: {
      ...LOCATION,
      'Idempotent-Replayed': {
        description: 'Always `true`',
        schema: { type: 'string', enum: ['true'] },
      },
      ...ETAG_HEADER,
    },
  })
  @ApiProblem(409, 'An item is retired or not yet published')
  @ApiProblem(422, 'The Idempotency-Key was used for a different request')
  async submit(
    @Body() request: SubmitRequestRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentUser() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const key = checkedIdempotencyKey(idempotencyKey);
    const { view, replayed } = await this.submitRequest.execute(request, caller, key);
    void reply.status(replayed ? 200 : 201).header('location', `/api/v1/requests/${view.id}`);
    if (replayed) void reply.header('idempotent-replayed', 'true');
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
    summary: 'Cancel what is still open of a request (its requester or a catalog manager)',
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
