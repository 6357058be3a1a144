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
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import {
  AnswersWithETag,
  expectedVersion,
  ParseIdPipe,
  validationProblem,
  ApiVersionedChange,
} from '@itsm/http';
import { ANYONE } from '../access';
import {
  CreateIncidentRequest,
  ListIncidentsQuery,
  TransitionRequestDto,
  UpdateIncidentRequest,
} from './incident.dto';
import { IncidentsService } from './incidents.service';
import { CreateIncident } from './use-cases/create-incident';
import { TransitionIncident } from './use-cases/transition-incident';
import { UpdateIncident } from './use-cases/update-incident';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

@ApiTags('incidents')
@AnswersWithETag()
@Controller('api/v1/incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly createIncident: CreateIncident,
    private readonly updateIncident: UpdateIncident,
    private readonly transitionIncident: TransitionIncident,
  ) {}

  @Post()
  @Roles(...ANYONE)
  @ApiOperation({
    summary: 'Raise an incident; its priority comes from impact × urgency, its SLA clocks start',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key returns the incident the first request created',
  })
  @ApiResponse({
    status: 201,
    description: 'Raised',
    headers: { Location: { description: 'The new incident', schema: { type: 'string' } } },
  })
  @ApiResponse({
    status: 200,
    description: 'A retry: the incident the first request with this Idempotency-Key raised',
    headers: {
      Location: { description: 'The incident', schema: { type: 'string' } },
      'Idempotent-Replayed': { description: 'Always `true`', schema: { type: 'string' } },
    },
  })
  @ApiResponse({
    status: 422,
    description: 'The Idempotency-Key was used for a different request',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  })
  async create(
    @Body() request: CreateIncidentRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentUser() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw validationProblem([
        {
          field: 'Idempotency-Key',
          message: 'Idempotency-Key must be 1–255 visible ASCII characters',
        },
      ]);
    }
    const { view, replayed } = await this.createIncident.execute(request, caller, idempotencyKey);
    void reply.status(replayed ? 200 : 201).header('location', `/api/v1/incidents/${view.id}`);
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return view;
  }

  @Get()
  @Roles(...ANYONE)
  @ApiOperation({
    summary:
      'Incidents the caller may see, newest first, by state, priority, group, assignee, CI, service, dates, text',
  })
  list(@Query() query: ListIncidentsQuery, @CurrentUser() caller: Principal) {
    return this.incidents.list(query, caller);
  }

  @Get(':id')
  @Roles(...ANYONE)
  async get(@Param('id', ParseIdPipe) id: string, @CurrentUser() caller: Principal) {
    return this.incidents.get(id, caller);
  }

  @Patch(':id')
  @ApiVersionedChange({ answer: 'The incident as changed', conflicts: 'it has ended' })
  @Roles(...ANYONE)
  @ApiOperation({ summary: 'Change fields, assignment, impact and urgency (priority follows)' })
  async update(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: UpdateIncidentRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
  ) {
    const version = expectedVersion(ifMatch, request.version);
    return this.updateIncident.execute(id, request, version, caller);
  }

  @Post(':id/transitions')
  @ApiVersionedChange({
    answer: 'The incident in its new state',
    conflicts: 'its state does not allow the move (the allowed ones are named)',
  })
  @HttpCode(200)
  @Roles(...ANYONE)
  @ApiOperation({
    summary:
      'Move the incident in its state model; 409 names the current state and the allowed ones',
  })
  async transition(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: TransitionRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
  ) {
    const version = expectedVersion(ifMatch, request.version);
    return this.transitionIncident.execute(id, request, version, caller);
  }
}
