import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import { ApiPage, ApiProblem, ParseIdPipe } from '@itsm/http';
import { PEOPLE } from '../access';
import { DecideApprovalRequest, ListApprovalsQuery } from './approval.dto';
import { ApprovalResponse } from './approval.response';
import { ApprovalsService } from './approvals.service';
import { DecideApproval } from './use-cases/decide-approval';

/** Any person may be somebody's manager or in an approving group: the approval says who decides. */
@ApiTags('approvals')
@Controller('api/v1/approvals')
export class ApprovalsController {
  constructor(
    private readonly approvals: ApprovalsService,
    private readonly decide: DecideApproval,
  ) {}

  @Get()
  @Roles(...PEOPLE)
  @ApiOperation({
    operationId: 'listApprovals',
    summary:
      "Approvals of requested items the caller may decide (catalog managers: all), newest first; `?mine`: the caller's queue",
  })
  @ApiPage(ApprovalResponse, 'One page of approvals, newest first')
  list(@Query() query: ListApprovalsQuery, @CurrentUser() caller: Principal) {
    return this.approvals.list(query, caller);
  }

  @Get(':id')
  @Roles(...PEOPLE)
  @ApiOperation({ operationId: 'getApproval', summary: 'An approval with the decisions cast' })
  @ApiOkResponse({ type: ApprovalResponse })
  get(@Param('id', ParseIdPipe) id: string, @CurrentUser() caller: Principal) {
    return this.approvals.get(id, caller);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles(...PEOPLE)
  @ApiOperation({
    operationId: 'approveRequestedItem',
    summary:
      'Approve, once, as the manager or a member of the group: at the quorum fulfilment starts',
  })
  @ApiOkResponse({ type: ApprovalResponse, description: 'The approval, the decision recorded' })
  @ApiProblem(
    403,
    'Not an approver of this item (a catalog manager who is not one), or the person it was requested by or for (self-approval)',
  )
  @ApiProblem(409, 'Already decided by you, or the approval ended (approved, rejected, cancelled)')
  approve(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: DecideApprovalRequest,
    @CurrentUser() caller: Principal,
  ) {
    return this.decide.execute(id, 'approved', request.comment, caller);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles(...PEOPLE)
  @ApiOperation({
    operationId: 'rejectRequestedItem',
    summary: 'Reject, as the manager or a member of the group: the item is rejected at once',
  })
  @ApiOkResponse({ type: ApprovalResponse, description: 'The approval, rejected' })
  @ApiProblem(
    403,
    'Not an approver of this item (a catalog manager who is not one), or the person it was requested by or for (self-approval)',
  )
  @ApiProblem(409, 'Already decided by you, or the approval ended (approved, rejected, cancelled)')
  reject(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: DecideApprovalRequest,
    @CurrentUser() caller: Principal,
  ) {
    return this.decide.execute(id, 'rejected', request.comment, caller);
  }
}
