import { Injectable } from '@nestjs/common';
import { recordNotFound, type Principal } from '@itsm/auth';
import { decodeCursor, pageOf } from '@itsm/http';
import { Brackets, DataSource, In } from 'typeorm';
import { isCatalogManager } from '../catalog-items/domain/audience';
import { RequestedItem } from '../requests/requested-item.entity';
import { ApprovalDecision } from './approval-decision.entity';
import { approvalView, approversOf, type ApprovalView } from './approval-view';
import type { ListApprovalsQuery } from './approval.dto';
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
    const builder = this.dataSource.manager
      .createQueryBuilder(RequestedItemApproval, 'a')
      .orderBy('a.requested_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .take(query.limit + 1);
    const theirs = new Brackets((where) =>
      where
        .where('a.approver = :caller', { caller: caller.id })
        .orWhere('a.approval_group = ANY(:groups)', { groups: [...caller.groups] }),
    );
    if (query.mine) {
      builder
        .andWhere(theirs)
        .andWhere(`a.state = 'requested'`)
        .andWhere(
          'NOT EXISTS (SELECT 1 FROM approval_decisions d WHERE d.approval_id = a.id AND d.approver = :caller)',
        );
    } else if (!isCatalogManager(caller)) {
      builder.andWhere(theirs);
    }
    if (query.state) builder.andWhere('a.state = :state', { state: query.state });
    if (query.cursor) {
      const after = decodeCursor(query.cursor, { requestedAt: 'timestamp', id: 'uuid' });
      builder.andWhere('(a.requested_at, a.id) < (:requestedAt, :afterId::uuid)', {
        requestedAt: after.requestedAt,
        afterId: after.id,
      });
    }
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
