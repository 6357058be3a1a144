import type { Change } from '../changes/change.entity';
import type { ChangeApproval } from './change-approval.entity';
import type { ApprovalRequirement } from './domain/approval-policy';

/** Where the approval of a change stands: who decides, how many must approve, the votes so far. */
export function approvalView(
  change: Change,
  requirement: ApprovalRequirement | null,
  votes: ChangeApproval[],
) {
  return {
    changeId: change.id,
    number: change.number,
    approval: change.approval,
    round: change.approvalRound,
    risk: change.risk,
    board: requirement?.board ?? null,
    approvalsNeeded: requirement?.approvalsNeeded ?? null,
    eligible: requirement?.eligible ?? null,
    votes: votes.map((vote) => ({
      approver: vote.approver,
      board: vote.board,
      decision: vote.decision,
      comment: vote.comment,
      decidedAt: vote.decidedAt,
    })),
  };
}

export type ApprovalView = ReturnType<typeof approvalView>;
