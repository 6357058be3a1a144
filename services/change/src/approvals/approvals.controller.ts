import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import { ApiProblem, ParseIdPipe } from '@itsm/http';
import { DataSource } from 'typeorm';
import { ANYONE, VOTERS } from '../access';
import { approvalSettings, CHANGE_CONFIG, type ChangeConfig } from '../change-config';
import { loadVisibleChange } from '../changes/visible-change';
import { ChangeApproval } from './change-approval.entity';
import { approvalView } from './approval-view';
import { ApprovalRequest } from './approval.dto';
import { ApprovalResponse } from './approval.response';
import { requirementOf } from './approval-requirement';
import { RecordApproval } from './use-cases/record-approval';

@ApiTags('changes')
@Controller('api/v1/changes')
export class ApprovalsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly recordApproval: RecordApproval,
    @Inject(CHANGE_CONFIG) private readonly config: ChangeConfig,
  ) {}

  @Get(':id/approvals')
  @Roles(...ANYONE)
  @ApiOperation({
    operationId: 'getChangeApproval',
    summary:
      'Who decides the change (by its type and risk), how many must approve, the votes so far',
  })
  @ApiOkResponse({ type: ApprovalResponse })
  async approval(@Param('id', ParseIdPipe) id: string, @CurrentUser() caller: Principal) {
    const manager = this.dataSource.manager;
    const change = await loadVisibleChange(manager, id, caller);
    const votes = await manager.find(ChangeApproval, {
      where: { changeId: change.id, round: change.approvalRound },
      order: { decidedAt: 'ASC' },
    });
    return approvalView(change, requirementOf(change, approvalSettings(this.config)), votes);
  }

  @Post(':id/approvals')
  @HttpCode(201)
  @Roles(...VOTERS)
  @ApiOperation({
    operationId: 'recordChangeApproval',
    summary: 'Approve or reject a change in Authorize, once, as a member of the deciding board',
  })
  @ApiResponse({ status: 201, description: 'Vote recorded', type: ApprovalResponse })
  @ApiProblem(409, 'Not in Authorize, already decided, or you have already voted')
  async vote(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: ApprovalRequest,
    @CurrentUser() caller: Principal,
  ) {
    return this.recordApproval.execute(id, request, caller);
  }
}
