import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import { ParseIdPipe } from '@itsm/http';
import { DataSource } from 'typeorm';
import { WORKERS } from '../access';
import { loadVisibleIncident } from '../incidents/visible-incident';
import { ChangeCandidatesResponse } from './change-candidate.response';
import { ChangeCandidates } from './change-candidates';

@ApiTags('incidents')
@Controller('api/v1/incidents')
export class ChangeCandidatesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly candidates: ChangeCandidates,
  ) {}

  @Get(':id/change-candidates')
  @Roles(...WORKERS)
  @ApiOperation({
    operationId: 'listChangeCandidates',
    summary: 'The unsuccessful changes that may have caused the incident (flow 6)',
  })
  @ApiOkResponse({ type: ChangeCandidatesResponse })
  async list(@Param('id', ParseIdPipe) id: string, @CurrentUser() caller: Principal) {
    await loadVisibleIncident(this.dataSource.manager, id, caller);
    return { items: await this.candidates.of(this.dataSource.manager, id) };
  }
}
