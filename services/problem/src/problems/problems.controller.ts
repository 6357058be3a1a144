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
  ApiVersionedChange,
  checkedIdempotencyKey,
  ETAG_HEADER,
  expectedVersion,
  ParseIdPipe,
} from '@itsm/http';
import { READERS } from '../access';
import {
  CreateProblemRequest,
  ListProblemsQuery,
  TransitionProblemRequest,
  UpdateProblemRequest,
} from './problem.dto';
import { ProblemResponse } from './problem.response';
import { ProblemsService } from './problems.service';
import { CreateProblem } from './use-cases/create-problem';
import { TransitionProblem } from './use-cases/transition-problem';
import { UpdateProblem } from './use-cases/update-problem';

/** What a client (or a stateful fuzzer) can do next with the problem it opened. */
const NEW_PROBLEM_LINKS: LinksObject = Object.fromEntries(
  [
    'getProblem',
    'updateProblem',
    'transitionProblem',
    'publishKnownError',
    'listProblemHistory',
  ].map((operationId) => [operationId, { operationId, parameters: { id: '$response.body#/id' } }]),
);

@ApiTags('problems')
@AnswersWithETag()
@Controller('api/v1/problems')
export class ProblemsController {
  constructor(
    private readonly problems: ProblemsService,
    private readonly createProblem: CreateProblem,
    private readonly updateProblem: UpdateProblem,
    private readonly transitionProblem: TransitionProblem,
  ) {}

  @Post()
  @Roles(...READERS)
  @ApiOperation({ operationId: 'createProblem', summary: 'Open a problem (New)' })
  @ApiIdempotentCreate({ type: ProblemResponse, record: 'problem', links: NEW_PROBLEM_LINKS })
  async create(
    @Body() request: CreateProblemRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentUser() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const key = checkedIdempotencyKey(idempotencyKey);
    const { view, replayed } = await this.createProblem.execute(request, caller, key);
    answerCreated(reply, `/api/v1/problems/${view.id}`, replayed);
    return view;
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'listProblems',
    summary: 'Problems, newest first, by state, CI, service, category, group, known error, text',
  })
  @ApiPage(ProblemResponse, 'One page of problems, newest first')
  list(@Query() query: ListProblemsQuery) {
    return this.problems.list(query);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'getProblem', summary: 'One problem and the states it may move to' })
  @ApiOkResponse({ type: ProblemResponse, headers: ETAG_HEADER })
  get(@Param('id', ParseIdPipe) id: string, @CurrentUser() caller: Principal) {
    return this.problems.get(id, caller);
  }

  @Patch(':id')
  @Roles(...READERS)
  @ApiVersionedChange({
    answer: 'The problem as changed',
    conflicts: 'it is closed',
    type: ProblemResponse,
  })
  @ApiOperation({
    operationId: 'updateProblem',
    summary: 'Change fields, assignment and the root-cause documentation',
  })
  update(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: UpdateProblemRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
  ) {
    const version = expectedVersion(ifMatch, request.version);
    return this.updateProblem.execute(id, request, version, caller);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @Roles(...READERS)
  @ApiVersionedChange({
    answer: 'The problem in its new state',
    conflicts: 'its state does not allow the move (the current and allowed states are named)',
    type: ProblemResponse,
  })
  @ApiOperation({
    operationId: 'transitionProblem',
    summary:
      'Move the problem in its state model; 409 names the current state and the allowed ones',
  })
  transition(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: TransitionProblemRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
  ) {
    const version = expectedVersion(ifMatch, request.version);
    return this.transitionProblem.execute(id, request, version, caller);
  }
}
