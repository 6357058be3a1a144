import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import {
  ApiPage,
  decodeLogCursor,
  PageQuery,
  pageOf,
  ParseIdPipe,
  HistoryLineResponse,
} from '@itsm/http';
import { auditHistory } from '@itsm/persistence';
import { DataSource } from 'typeorm';
import { ANYONE } from '../access';
import { loadVisibleIncident } from '../incidents/visible-incident';

@ApiTags('incidents')
@Controller('api/v1/incidents')
export class HistoryController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':id/history')
  @Roles(...ANYONE)
  @ApiOperation({
    operationId: 'listIncidentHistory',
    summary: 'Every field change of the incident: old value, new value, who, when',
  })
  @ApiPage(HistoryLineResponse, 'One page of field changes, oldest first')
  async history(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: PageQuery,
    @CurrentUser() caller: Principal,
  ) {
    await loadVisibleIncident(this.dataSource.manager, id, caller);
    const lines = await auditHistory(
      this.dataSource.manager,
      'incident',
      id,
      decodeLogCursor(query.cursor),
      query.limit + 1,
    );
    return pageOf(lines, query.limit, (line) => ({ id: line.id }));
  }
}
