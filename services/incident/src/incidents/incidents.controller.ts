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
  @ApiIdempotentCreate({ type: IncidentResponse, record: 'incident', links: NEW_INCIDENT_LINKS })
  async create(
    @Body() request: CreateIncidentRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentUser() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const key = checkedIdempotencyKey(idempotencyKey);
    const { view, replayed } = await this.createIncident.execute(request, caller, key);
    answerCreated(reply, `/api/v1/incidents/${view.id}`, replayed);
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
