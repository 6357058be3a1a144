import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
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
  decodeLogCursor,
  ETAG_HEADER,
  expectedVersion,
  HistoryLineResponse,
  PageQuery,
  pageOf,
  ParseIdPipe,
} from '@itsm/http';
import { auditHistory } from '@itsm/persistence';
import { DataSource } from 'typeorm';
import { ANYONE, MANAGERS } from '../access';
import {
  CreateBlackoutRequest,
  DeleteBlackoutQuery,
  ListBlackoutsQuery,
  UpdateBlackoutRequest,
} from './blackout.dto';
import { BlackoutDetailResponse, BlackoutResponse } from './blackout.response';
import { BlackoutsService } from './blackouts.service';
import { CreateBlackout } from './use-cases/create-blackout';
import { DeleteBlackout } from './use-cases/delete-blackout';
import { UpdateBlackout } from './use-cases/update-blackout';

@ApiTags('blackout windows')
@AnswersWithETag()
@Controller('api/v1/blackout-windows')
export class BlackoutsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly blackouts: BlackoutsService,
    private readonly createBlackout: CreateBlackout,
    private readonly updateBlackout: UpdateBlackout,
    private readonly deleteBlackout: DeleteBlackout,
  ) {}

  @Post()
  @Roles(...MANAGERS)
  @ApiOperation({
    operationId: 'createBlackoutWindow',
    summary: 'Declare a freeze: no change in its window, globally or on its CIs or services',
  })
  @ApiIdempotentCreate({ type: BlackoutDetailResponse, record: 'blackout window' })
  async create(
    @Body() request: CreateBlackoutRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentUser() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const key = checkedIdempotencyKey(idempotencyKey);
    const { view, replayed } = await this.createBlackout.execute(request, caller, key);
    answerCreated(reply, `/api/v1/blackout-windows/${view.id}`, replayed);
    return view;
  }

  @Get()
  @Roles(...ANYONE)
  @ApiOperation({
    operationId: 'listBlackoutWindows',
    summary: 'Freezes by start, over a range, covering a CI or a service',
  })
  @ApiPage(BlackoutResponse, 'One page of freezes, earliest first')
  list(@Query() query: ListBlackoutsQuery) {
    return this.blackouts.list(query);
  }

  @Get(':id')
  @Roles(...ANYONE)
  @ApiOperation({ operationId: 'getBlackoutWindow', summary: 'One freeze' })
  @ApiOkResponse({ type: BlackoutDetailResponse, headers: ETAG_HEADER })
  get(@Param('id', ParseIdPipe) id: string, @CurrentUser() caller: Principal) {
    return this.blackouts.get(id, caller);
  }

  @Patch(':id')
  @Roles(...MANAGERS)
  @ApiVersionedChange({ answer: 'The freeze as changed', type: BlackoutDetailResponse })
  @ApiOperation({
    operationId: 'updateBlackoutWindow',
    summary: 'Move, rename or rescope a freeze',
  })
  update(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: UpdateBlackoutRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
  ) {
    return this.updateBlackout.execute(
      id,
      request,
      expectedVersion(ifMatch, request.version),
      caller,
    );
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...MANAGERS)
  @ApiOperation({ operationId: 'deleteBlackoutWindow', summary: 'Lift a freeze' })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The ETag read, e.g. W/"3" (or `version` in the query; one of them is required)',
    schema: { type: 'string', pattern: '^(W/)?"[0-9]+"$' },
  })
  @ApiNoContentResponse({ description: 'Lifted' })
  @ApiProblem(409, 'The freeze changed since it was read')
  @ApiProblem(428, 'Neither If-Match nor a version was sent')
  async remove(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: DeleteBlackoutQuery,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
  ): Promise<void> {
    await this.deleteBlackout.execute(id, expectedVersion(ifMatch, query.version), caller);
  }

  @Get(':id/history')
  @Roles(...ANYONE)
  @ApiOperation({
    operationId: 'listBlackoutWindowHistory',
    summary: 'Every field change of the freeze: old value, new value, who, when',
  })
  @ApiPage(HistoryLineResponse, 'One page of field changes, oldest first')
  async history(@Param('id', ParseIdPipe) id: string, @Query() query: PageQuery) {
    await this.blackouts.exists(id);
    const lines = await auditHistory(
      this.dataSource.manager,
      'blackout_window',
      id,
      decodeLogCursor(query.cursor),
      query.limit + 1,
    );
    return pageOf(lines, query.limit, (line) => ({ id: line.id }));
  }
}
