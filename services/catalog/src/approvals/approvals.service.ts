import { Injectable } from '@nestjs/common';
import { recordNotFound, type Principal } from '@itsm/auth';
import { pageOf } from '@itsm/http';
import { DataSource, In } from 'typeorm';
import { RequestedItem } from '../requests/requested-item.entity';
import { ApprovalDecision } from './approval-decision.entity';
import { approvalView, approversOf, type ApprovalView } from './approval-view';
import type { ListApprovalsQuery } from './approval.dto';
import { approvalsListQuery } from './approvals-list-query';
import { mayViewApproval } from './domain/approval-access';
import { RequestedItemApproval } from './requested-item-approval.entity';

/** Reading approvals: each approver sees theirs (their own, their groups'); catalog managers all. */
@Injectable()
export class ApprovalsService {
  constructor(private readonly dataSource: DataSource) {}

  async get(id: string, caller: Principal): Promise<ApprovalView> {
    const approval = await this.dataSource.manager.findOneBy(RequestedItemApproval, { id });
    if (!approval || !mayViewApproval(caller, approversOf(approval))) {
      throw recordNotFound('Approval', id);
    }
    const [view] = await this.viewsOf([approval]);
    return view!;
  }

  /** Newest first; `mine`: only those still waiting for the caller's decision. */
  async list(query: ListApprovalsQuery, caller: Principal) {
    const builder = approvalsListQuery(this.dataSource.manager, query, caller);
    const page = pageOf(await builder.getMany(), query.limit, (row) => ({
      requestedAt: row.requestedAt.toISOString(),
      id: row.id,
    }));
    return { ...page, items: await this.viewsOf(page.items) };
  }

  private async viewsOf(approvals: RequestedItemApproval[]): Promise<ApprovalView[]> {
    const manager = this.dataSource.manager;
    const ids = approvals.map((a) => a.id);
    const [items, decisions] = await Promise.all([
      manager.findBy(RequestedItem, { id: In(approvals.map((a) => a.requestedItemId)) }),
      manager.find(ApprovalDecision, {
        where: { approvalId: In(ids) },
        order: { decidedAt: 'ASC' },
      }),
    ]);
    return approvals.map((a) =>
      approvalView(
        a,
        items.find((i) => i.id === a.requestedItemId)!,
        decisions.filter((d) => d.approvalId === a.id),
      ),
    );
  }
}
