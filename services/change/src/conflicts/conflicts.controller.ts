import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import { ParseIdPipe } from '@itsm/http';
import { DataSource } from 'typeorm';
import { READERS } from '../access';
import { loadVisibleChange } from '../changes/visible-change';
import { ConflictFinder } from './conflict-finder';
import { conflictsView } from './conflict-view';
import { ConflictsResponse } from './conflict.response';

@ApiTags('changes')
@Controller('api/v1/changes')
export class ConflictsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly finder: ConflictFinder,
  ) {}

  @Get(':id/conflicts')
  // Other changes (and their CIs) are not a requester's, even beside a change they requested.
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'listChangeConflicts',
    summary:
      'What the change meets in its window: planned changes on its CIs or related ones (with the path), and freezes',
  })
  @ApiOkResponse({ type: ConflictsResponse })
  async conflicts(@Param('id', ParseIdPipe) id: string, @CurrentUser() caller: Principal) {
    const manager = this.dataSource.manager;
    const change = await loadVisibleChange(manager, id, caller);
    return conflictsView(change, await this.finder.check(manager, change));
  }
}
