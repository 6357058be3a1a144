import { Controller, Get, Param, Query } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import { incidentChangeCandidateLinked } from '@itsm/contracts';
import { ApiPage, PageQuery, ParseIdPipe } from '@itsm/http';
import { OnEvent, type EventContext, type EventOf } from '@itsm/messaging';
import { DataSource } from 'typeorm';
import { READERS } from '../access';
import { loadVisibleChange } from '../changes/visible-change';
import { CausedIncidentResponse } from './caused-incident.response';
import { CausedIncidents } from './caused-incidents';

/**
 * Flow 6 on the change's side: the incidents the incident service linked to an unsuccessful change
 * as "caused by change" candidates, taken from its topic and listed on the change.
 */
@ApiTags('changes')
@Controller('api/v1/changes')
export class CausedIncidentsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly caused: CausedIncidents,
  ) {}

  @Get(':id/caused-incidents')
  // Other people's incidents: not for a requester, even on a change they requested.
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'listCausedIncidents',
    summary:
      'Incidents on the CIs of this unsuccessful change, opened during or up to 24 h after its window',
  })
  // A change that took a core CI down may have thousands: a page at a time.
  @ApiPage(CausedIncidentResponse, 'One page, oldest incident first')
  async list(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: PageQuery,
    @CurrentUser() caller: Principal,
  ) {
    await loadVisibleChange(this.dataSource.manager, id, caller);
    return this.caused.page(this.dataSource.manager, id, query);
  }

  @OnEvent(incidentChangeCandidateLinked, { subscription: 'caused-incidents' })
  async linked(
    @Payload() event: EventOf<typeof incidentChangeCandidateLinked>,
    @Ctx() ctx: EventContext,
  ) {
    const { id, number, changeId, configurationItemId, shortDescription, openedAt, linkedAt } =
      event.data;
    await this.caused.put(ctx.manager, changeId, {
      incidentId: id,
      incidentNumber: number,
      configurationItemId,
      shortDescription,
      openedAt,
      linkedAt,
    });
  }
}
