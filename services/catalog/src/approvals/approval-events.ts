import {
  requestedItemApprovalDecided,
  requestedItemApprovalRecorded,
  requestedItemApprovalRequested,
  type EventData,
} from '@itsm/contracts';
import type { OutboxEvent } from '../requests/request-events';
import type { RequestedItem } from '../requests/requested-item.entity';
import type { ApprovalDecision } from './approval-decision.entity';
import type { RequestedItemApproval } from './requested-item-approval.entity';

/** The events of an approval, keyed by its request like every event of the request's items. */
export const approvalEvents = {
  requested: (a: RequestedItemApproval, item: RequestedItem): OutboxEvent => ({
    definition: requestedItemApprovalRequested,
    aggregateId: a.requestId,
    data: {
      ...ofItem(a, item),
      kind: a.kind,
      approver: a.approver,
      group: a.approvalGroup,
      quorum: a.quorum,
      requestedAt: a.requestedAt.toISOString(),
    } satisfies EventData<typeof requestedItemApprovalRequested>,
  }),

  recorded: (a: RequestedItemApproval, item: RequestedItem, d: ApprovalDecision): OutboxEvent => ({
    definition: requestedItemApprovalRecorded,
    aggregateId: a.requestId,
    data: {
      ...ofItem(a, item),
      approver: d.approver,
      decision: d.decision,
      comment: d.comment,
      decidedAt: d.decidedAt.toISOString(),
    } satisfies EventData<typeof requestedItemApprovalRecorded>,
  }),

  decided: (
    a: RequestedItemApproval,
    item: RequestedItem,
    approvals: number,
    decidedBy: string,
  ): OutboxEvent => ({
    definition: requestedItemApprovalDecided,
    aggregateId: a.requestId,
    data: {
      ...ofItem(a, item),
      outcome: a.state as 'approved' | 'rejected' | 'cancelled',
      approvals,
      quorum: a.quorum,
      decidedBy,
      decidedAt: a.decidedAt!.toISOString(),
    } satisfies EventData<typeof requestedItemApprovalDecided>,
  }),
};

const ofItem = (a: RequestedItemApproval, item: RequestedItem) => ({
  id: a.id,
  requestedItemId: item.id,
  number: item.number,
  requestId: a.requestId,
});
