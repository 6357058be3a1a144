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
import {
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  type LinksObject,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import {
  AnswersWithETag,
  ApiPage,
  ApiVersionedChange,
  ETAG_HEADER,
  PROBLEM_CONTENT,
  ParseIdPipe,
  expectedVersion,
  checkedIdempotencyKey,
} from '@itsm/http';
import { ANYONE } from '../access';
import {
  CreateIncidentRequest,
  ListIncidentsQuery,
  TransitionRequestDto,
  UpdateIncidentRequest,
} from './incident.dto';
import { IncidentResponse } from './incident.response';
import { IncidentsService } from './incidents.service';
import { CreateIncident } from './use-cases/create-incident';
import { TransitionIncident } from './use-cases/transition-incident';
import { UpdateIncident } from './use-cases/update-incident';

/** What a client (or a stateful fuzzer) can do next with the incident it raised. */
const NEW_INCIDENT_LINKS: LinksObject = Object.fromEntries(
  [
    'getIncident',
    'updateIncident',
    'transitionIncident',
    'listIncidentHistory',
    'addIncidentNote',
    'listIncidentNotes',
    'declareMajorIncident',
    'listMajorIncidentCommunications',
  ].map((operationId) => [operationId, { operationId, parameters: { id: '$response.body#/id' } }]),
);

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
    operationId: 'createIncident',
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
    type: IncidentResponse,
    headers: {
      Location: { description: 'The new incident', schema: { type: 'string' } },
      ...ETAG_HEADER,
    },
    links: NEW_INCIDENT_LINKS,
  })
  @ApiResponse({
    status: 200,
    description: 'A retry: the incident the first request with this Idempotency-Key raised',
    type: IncidentResponse,
    headers: {
      Location: { description: 'The incident', schema: { type: 'string' } },
      'Idempotent-Replayed': {
        description: 'Always `true`',
        schema: { type: 'string', enum: ['true'] },
      },
      ...ETAG_HEADER,
    },
    links: NEW_INCIDENT_LINKS,
  })
  @ApiResponse({
    status: 422,
    description: 'The Idempotency-Key was used for a different request',
    content: PROBLEM_CONTENT,
  })
  async create(
    @Body() request: CreateIncidentRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentUser() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const key = checkedIdempotencyKey(idempotencyKey);
    const { view, replayed } = await this.createIncident.execute(request, caller, key);
    void reply.status(replayed ? 200 : 201).header('location', `/api/v1/incidents/${view.id}`);
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return view;
  }

  @Get()
  @Roles(...ANYONE)
  @ApiOperation({
    operationId: 'listIncidents',
    summary:
      'Incidents the caller may see, newest first, by state, priority, group, assignee, CI, service, dates, text',
  })
  @ApiPage(IncidentResponse, 'One page of incidents, newest first')
  list(@Query() query: ListIncidentsQuery, @CurrentUser() caller: Principal) {
    return this.incidents.list(query, caller);
  }

  @Get(':id')
  @Roles(...ANYONE)
  @ApiOperation({
    operationId: 'getIncident',
    summary: 'One incident with its SLA clocks and the states it may move to',
  })
  @ApiOkResponse({ type: IncidentResponse, headers: ETAG_HEADER })
  async get(@Param('id', ParseIdPipe) id: string, @CurrentUser() caller: Principal) {
    return this.incidents.get(id, caller);
  }

  @Patch(':id')
  @ApiVersionedChange({
    answer: 'The incident as changed',
    conflicts: 'it has ended, or monitoring has another open incident for its CI',
    type: IncidentResponse,
  })
  @Roles(...ANYONE)
  @ApiOperation({
    operationId: 'updateIncident',
    summary: 'Change fields, assignment, impact and urgency (priority follows)',
  })
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
    conflicts:
      'its state does not allow the move (the allowed ones are named), or a reopened monitoring incident meets another open one for its CI',
    type: IncidentResponse,
  })
  @HttpCode(200)
  @Roles(...ANYONE)
  @ApiOperation({
    operationId: 'transitionIncident',
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
