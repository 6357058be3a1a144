import type { Outbox } from '@itsm/messaging';
import { In, type EntityManager } from 'typeorm';
import type { RequestedItem } from '../requests/requested-item.entity';
import { ApprovalDecision } from './approval-decision.entity';
import { approvalEvents } from './approval-events';
import type { Approvers } from './domain/approval-policy';
import { RequestedItemApproval } from './requested-item-approval.entity';

/**
 * Opens the approval of every submitted item waiting in `pending_approval`, with the approvers
 * its rule named at submission, and announces each.
 */
export async function openApprovals(
  manager: EntityManager,
  outbox: Outbox,
  waiting: ReadonlyArray<{ item: RequestedItem; approvers: Approvers }>,
  now: Date,
): Promise<void> {
  if (waiting.length === 0) return;
  const approvals = await manager.save(
    waiting.map(({ item, approvers }) =>
      manager.create(RequestedItemApproval, {
        requestedItemId: item.id,
        requestId: item.requestId,
        kind: approvers.kind,
        approver: approvers.kind === 'manager' ? approvers.approver : null,
        approvalGroup: approvers.kind === 'group' ? approvers.group : null,
        quorum: approvers.quorum,
        state: 'requested',
        requestedAt: now,
        decidedAt: null,
      }),
    ),
  );
  await outbox.publishMany(
    manager,
    approvals.map((a, i) => approvalEvents.requested(a, waiting[i]!.item)),
  );
}

/** Withdraws the approvals still waiting of items being cancelled: nobody can decide them any more. */
export async function withdrawApprovals(
  manager: EntityManager,
  outbox: Outbox,
  items: readonly RequestedItem[],
  actor: string,
  now: Date,
): Promise<void> {
  const waiting = await manager.findBy(RequestedItemApproval, {
    requestedItemId: In(items.map((i) => i.id)),
    state: 'requested',
  });
  if (waiting.length === 0) return;
  for (const approval of waiting) Object.assign(approval, { state: 'cancelled', decidedAt: now });
  await manager.save(waiting);
  const decisions = await manager.findBy(ApprovalDecision, {
    approvalId: In(waiting.map((a) => a.id)),
    decision: 'approved',
  });
  await outbox.publishMany(
    manager,
    waiting.map((a) =>
      approvalEvents.decided(
        a,
        items.find((i) => i.id === a.requestedItemId)!,
        decisions.filter((d) => d.approvalId === a.id).length,
        actor,
      ),
    ),
  );
}
