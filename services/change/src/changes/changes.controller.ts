import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, type LinksObject } from '@nestjs/swagger';
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
import { ANYONE, WORKERS } from '../access';
import {
  CreateChangeRequest,
  ListChangesQuery,
  TransitionRequestDto,
  UpdateChangeRequest,
} from './change.dto';
import { ChangeResponse } from './change.response';
import { ApiChangeConflict } from './change-problems.openapi';
import { ChangesService } from './changes.service';
import { CreateChange } from './use-cases/create-change';
import { TransitionChange } from './use-cases/transition-change';
import { UpdateChange } from './use-cases/update-change';

/** What a client (or a stateful fuzzer) can do next with the change it raised. */
const NEW_CHANGE_LINKS: LinksObject = Object.fromEntries(
  ['getChange', 'updateChange', 'transitionChange', 'listChangeHistory'].map((operationId) => [
    operationId,
    { operationId, parameters: { id: '$response.body#/id' } },
  ]),
);

@ApiTags('changes')
@AnswersWithETag()
@Controller('api/v1/changes')
export class ChangesController {
  constructor(
    private readonly changes: ChangesService,
    private readonly createChange: CreateChange,
    private readonly updateChange: UpdateChange,
    private readonly transitionChange: TransitionChange,
  ) {}

  @Post()
  @Roles(...WORKERS)
  @ApiOperation({
    operationId: 'createChange',
    summary: 'Raise a change in New; a standard change copies its template’s published version',
  })
  @ApiIdempotentCreate({ type: ChangeResponse, record: 'change', links: NEW_CHANGE_LINKS })
  @ApiProblem(409, 'The template has no published version')
  async create(
    @Body() request: CreateChangeRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentUser() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const key = checkedIdempotencyKey(idempotencyKey);
    const { view, replayed } = await this.createChange.execute(request, caller, key);
    answerCreated(reply, `/api/v1/changes/${view.id}`, replayed);
    return view;
  }

  @Get()
  @Roles(...ANYONE)
  @ApiOperation({
    operationId: 'listChanges',
    summary:
      'Changes the caller may see, newest first, by state, type, risk, CI, group, planned window, text',
  })
  @ApiPage(ChangeResponse, 'One page of changes, newest first')
  list(@Query() query: ListChangesQuery, @CurrentUser() caller: Principal) {
    return this.changes.list(query, caller);
  }

  @Get(':id')
  @Roles(...ANYONE)
  @ApiOperation({ operationId: 'getChange', summary: 'One change and the states it may move to' })
  @ApiOkResponse({ type: ChangeResponse, headers: ETAG_HEADER })
  get(@Param('id', ParseIdPipe) id: string, @CurrentUser() caller: Principal) {
    return this.changes.get(id, caller);
  }

  @Patch(':id')
  @Roles(...WORKERS)
  @ApiChangeConflict()
  @ApiVersionedChange({
    answer: 'The change as changed',
    conflicts:
      'it has ended (`change-ended`); in Scheduled or Implement its affectedCiIds were authorised ' +
      '(`change-scope-frozen`); in Implement its plannedStart and plannedEnd are what the deployment ' +
      'gate trusts (`change-window-frozen`); or its new window in Scheduled meets other changes or ' +
      'a freeze (`change-conflict`)',
    type: ChangeResponse,
  })
  @ApiOperation({
    operationId: 'updateChange',
    summary: 'Change its fields, plans, planned window, CIs and assignment',
  })
  update(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: UpdateChangeRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
  ) {
    return this.updateChange.execute(
      id,
      request,
      expectedVersion(ifMatch, request.version),
      caller,
    );
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiChangeConflict()
  @ApiVersionedChange({
    answer: 'The change in its new state',
    conflicts:
      'its state does not allow the move (`illegal-transition`, the allowed ones named), it lacks ' +
      'fields the next state requires (`change-incomplete`, each named), it needs approvals ' +
      '(`approval-required`), or, into Scheduled, it meets other changes or a freeze in its window ' +
      '(`change-conflict`)',
    type: ChangeResponse,
  })
  @ApiOperation({
    operationId: 'transitionChange',
    summary:
      'Move the change in the state model of its type; 409 names the current state and the allowed ones',
  })
  transition(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: TransitionRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
  ) {
    return this.transitionChange.execute(
      id,
      request,
      expectedVersion(ifMatch, request.version),
      caller,
    );
  }
}
