import type { EntityManager } from 'typeorm';
import type { ApprovalState, Decision } from '../approvals/domain/approval-policy';

/**
 * Where a requested item's approval stands, as its requester sees it on the request: who must
 * approve (the manager, or a group and its quorum), the state, and each decision with its comment,
 * so that a request waiting or rejected says who it waits for or why.
 */
export interface ApprovalStatusView {
  kind: 'manager' | 'group';
  approver: string | null;
  group: string | null;
  quorum: number;
  state: ApprovalState;
  requestedAt: Date;
  decidedAt: Date | null;
  decisions: Array<{ approver: string; decision: Decision; comment: string; decidedAt: Date }>;
}

interface Row {
  requested_item_id: string;
  kind: 'manager' | 'group';
  approver: string | null;
  approval_group: string | null;
  quorum: number;
  state: ApprovalState;
  requested_at: Date;
  decided_at: Date | null;
  decisions: Array<{ approver: string; decision: Decision; comment: string; decidedAt: string }>;
}

/** The approvals of the items of these requests (one at most per item), by requested item id. */
export async function approvalStatuses(
  manager: EntityManager,
  requestIds: readonly string[],
): Promise<ReadonlyMap<string, ApprovalStatusView>> {
  if (requestIds.length === 0) return new Map();
  const rows = (await manager.query(
    `SELECT a.requested_item_id, a.kind, a.approver, a.approval_group, a.quorum, a.state,
            a.requested_at, a.decided_at,
            coalesce((SELECT json_agg(json_build_object('approver', d.approver,
                                                        'decision', d.decision,
                                                        'comment', d.comment,
                                                        'decidedAt', d.decided_at)
                                      ORDER BY d.decided_at, d.approver)
                        FROM approval_decisions d WHERE d.approval_id = a.id), '[]') AS decisions
       FROM requested_item_approvals a
      WHERE a.request_id = ANY($1::uuid[])`,
    [requestIds],
  )) as Row[];
  return new Map(
    rows.map((row) => [
      row.requested_item_id,
      {
        kind: row.kind,
        approver: row.approver,
        group: row.approval_group,
        quorum: row.quorum,
        state: row.state,
        requestedAt: row.requested_at,
        decidedAt: row.decided_at,
        decisions: row.decisions.map((d) => ({ ...d, decidedAt: new Date(d.decidedAt) })),
      },
    ]),
  );
}
