import type { ChangeType } from '../../changes/domain/change-states';
import type { RiskLevel } from '../../risk/domain/change-risk';

/** Who decides: a change manager alone, the CAB by quorum, or the emergency CAB. */
export const BOARDS = ['change_manager', 'cab', 'emergency_cab'] as const;
export type Board = (typeof BOARDS)[number];

export const DECISIONS = ['approved', 'rejected'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Where a change in Authorize stands: waiting for votes, or decided. */
export type ApprovalOutcome = 'requested' | Decision;

export interface ApprovalSettings {
  cabQuorum: number;
  cabGroup: string;
  emergencyCabGroup: string;
}

export interface ApprovalRequirement {
  board: Board;
  /** Approvals needed; one rejection rejects whatever the count. */
  approvalsNeeded: number;
  /** Who is eligible, in words a refused caller can act on. */
  eligible: string;
}

export interface Voter {
  roles: ReadonlySet<string>;
  groups: ReadonlySet<string>;
}

export interface Vote {
  approver: string;
  board: Board;
  decision: Decision;
}

/**
 * The approval a change needs to leave Authorize (DOMAIN.md): an emergency goes to the emergency
 * CAB (one approval); a low-risk normal change to a change manager; anything riskier, or a normal
 * change not yet assessed, to a quorum of the CAB.
 */
export function approvalRequirement(
  type: ChangeType,
  risk: RiskLevel | null,
  settings: ApprovalSettings,
): ApprovalRequirement {
  if (type === 'emergency') {
    return {
      board: 'emergency_cab',
      approvalsNeeded: 1,
      eligible: `members of group ${settings.emergencyCabGroup}`,
    };
  }
  if (risk === 'low') {
    return { board: 'change_manager', approvalsNeeded: 1, eligible: 'change managers' };
  }
  return {
    board: 'cab',
    approvalsNeeded: settings.cabQuorum,
    eligible: `members of group ${settings.cabGroup}`,
  };
}

export function isEligible(board: Board, voter: Voter, settings: ApprovalSettings): boolean {
  if (board === 'change_manager') return voter.roles.has('change_manager');
  return voter.groups.has(board === 'cab' ? settings.cabGroup : settings.emergencyCabGroup);
}

/** The outcome of the votes cast for the board now deciding: any rejection rejects. */
export function approvalOutcome(
  requirement: ApprovalRequirement,
  votes: readonly Vote[],
): ApprovalOutcome {
  const counted = votes.filter((vote) => vote.board === requirement.board);
  if (counted.some((vote) => vote.decision === 'rejected')) return 'rejected';
  const approvals = counted.filter((vote) => vote.decision === 'approved').length;
  return approvals >= requirement.approvalsNeeded ? 'approved' : 'requested';
}

export type VoteRefusal =
  | { kind: 'not-awaiting'; outcome: ApprovalOutcome | null }
  | { kind: 'not-eligible'; requirement: ApprovalRequirement }
  | { kind: 'already-voted'; vote: Vote };

/** Why a voter may not vote now: the change is not waiting for votes, not theirs to judge, or voted. */
export function voteRefusal(
  outcome: ApprovalOutcome | null,
  requirement: ApprovalRequirement,
  voter: Voter & { id: string },
  votes: readonly Vote[],
  settings: ApprovalSettings,
): VoteRefusal | undefined {
  if (outcome !== 'requested') return { kind: 'not-awaiting', outcome };
  if (!isEligible(requirement.board, voter, settings)) return { kind: 'not-eligible', requirement };
  const cast = votes.find((vote) => vote.approver === voter.id);
  return cast ? { kind: 'already-voted', vote: cast } : undefined;
}
