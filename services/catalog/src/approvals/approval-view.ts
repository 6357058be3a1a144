import type { RequestedItem } from '../requests/requested-item.entity';
import type { ApprovalDecision } from './approval-decision.entity';
import type { Approvers } from './domain/approval-policy';
import type { RequestedItemApproval } from './requested-item-approval.entity';

/** The approvers an approval row names. */
export const approversOf = (a: RequestedItemApproval): Approvers =>
  a.kind === 'manager'
    ? { kind: 'manager', approver: a.approver!, quorum: 1 }
    : { kind: 'group', group: a.approvalGroup!, quorum: a.quorum };

/** An approval with what an approver judges: the item, its answers, who it is for; the decisions cast. */
export function approvalView(
  a: RequestedItemApproval,
  item: RequestedItem,
  decisions: readonly ApprovalDecision[],
) {
  return {
    id: a.id,
    requestId: a.requestId,
    requestedItemId: a.requestedItemId,
    number: item.number,
    catalogItemName: item.catalogItemName,
    quantity: item.quantity,
    variables: item.variables,
    requestedFor: item.requestedFor,
    kind: a.kind,
    approver: a.approver,
    group: a.approvalGroup,
    quorum: a.quorum,
    state: a.state,
    requestedAt: a.requestedAt,
    decidedAt: a.decidedAt,
    decisions: decisions.map((d) => ({
      approver: d.approver,
      decision: d.decision,
      comment: d.comment,
      decidedAt: d.decidedAt,
    })),
    version: a.version,
  };
}

export type ApprovalView = ReturnType<typeof approvalView>;
