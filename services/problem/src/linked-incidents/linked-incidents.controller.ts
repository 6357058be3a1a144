import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import { ApiPage, ApiProblem, PageQuery, ParseIdPipe } from '@itsm/http';
import { READERS } from '../access';
import { linkedIncidentView } from './linked-incident-view';
import { LinkedIncidentResponse } from './linked-incident.response';
import { LinkedIncidentsService } from './linked-incidents.service';
import { LinkIncident } from './use-cases/link-incident';
import { UnlinkIncident } from './use-cases/unlink-incident';

@ApiTags('problems')
@Controller('api/v1/problems/:id/incidents')
export class LinkedIncidentsController {
  constructor(
    private readonly incidents: LinkedIncidentsService,
    private readonly linkIncident: LinkIncident,
    private readonly unlinkIncident: UnlinkIncident,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'listProblemIncidents',
    summary: "The problem's incidents with their states (those the caller may see), oldest first",
  })
  @ApiPage(LinkedIncidentResponse, 'One page of linked incidents, in opening order')
  list(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: PageQuery,
    @CurrentUser() caller: Principal,
  ) {
    return this.incidents.list(id, query, caller);
  }

  @Post(':incidentId')
  @HttpCode(200)
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'linkProblemIncident',
    summary: 'Link an incident to the problem; the incident records it (by an event)',
  })
  @ApiOkResponse({ type: LinkedIncidentResponse, description: 'The incident, linked' })
  @ApiProblem(409, 'The problem has ended (the current and allowed states are named)')
  async link(
    @Param('id', ParseIdPipe) id: string,
    @Param('incidentId', ParseIdPipe) incidentId: string,
    @CurrentUser() caller: Principal,
  ) {
    return linkedIncidentView(await this.linkIncident.execute(id, incidentId, caller));
  }

  @Delete(':incidentId')
  @HttpCode(204)
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'unlinkProblemIncident',
    summary: 'Unlink an incident from the problem; the incident forgets it (by an event)',
  })
  @ApiNoContentResponse({ description: 'The incident is no longer linked' })
  async unlink(
    @Param('id', ParseIdPipe) id: string,
    @Param('incidentId', ParseIdPipe) incidentId: string,
    @CurrentUser() caller: Principal,
  ) {
    await this.unlinkIncident.execute(id, incidentId, caller);
  }
}
