import type { ApprovalRule } from '../../catalog-items/domain/item-definition';

export const APPROVAL_STATES = ['requested', 'approved', 'rejected', 'cancelled'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

export const DECISIONS = ['approved', 'rejected'] as const;
export type Decision = (typeof DECISIONS)[number];

/**
 * Who must approve one requested item, fixed when it is submitted: the manager of the person it
 * is for (by id), or `quorum` members of a group.
 */
export type Approvers =
  | { kind: 'manager'; approver: string; quorum: 1 }
  | { kind: 'group'; group: string; quorum: number };

/** Why a requested item cannot be submitted for approval as its rule asks. */
export interface ApproversRefusal {
  rule: ApprovalRule['kind'];
  message: string;
}

/**
 * The approvers an item version's rule names for a request made by `requestedBy` for
 * `requestedFor`: none for `none`; their manager (refused when the directory knows none, or when
 * the manager is the one ordering, rather than waiting forever for a decision nobody may make);
 * the rule's group and quorum.
 */
export function approversFor(
  rule: ApprovalRule,
  requestedFor: { id: string; managerId: string | null },
  requestedBy: string,
): Approvers | null | ApproversRefusal {
  if (rule.kind === 'none') return null;
  if (rule.kind === 'group') return { kind: 'group', group: rule.group!, quorum: rule.quorum! };
  if (!requestedFor.managerId) {
    return {
      rule: 'manager',
      message: `the item needs the approval of the manager of ${requestedFor.id}, and the people directory names none`,
    };
  }
  if (requestedFor.managerId === requestedFor.id) {
    return {
      rule: 'manager',
      message: `${requestedFor.id} is their own manager in the people directory: nobody else could approve`,
    };
  }
  if (requestedFor.managerId === requestedBy) {
    return {
      rule: 'manager',
      message: `${requestedBy} manages ${requestedFor.id} and is ordering for them: they may not approve their own request, and nobody else could`,
    };
  }
  return { kind: 'manager', approver: requestedFor.managerId, quorum: 1 };
}

export const isRefusal = (a: Approvers | null | ApproversRefusal): a is ApproversRefusal =>
  a !== null && 'rule' in a;

export interface Approver {
  id: string;
  groups: ReadonlySet<string>;
}

/** The manager named, or any member of the group. */
export function isEligible(approvers: Approvers, caller: Approver): boolean {
  return approvers.kind === 'manager'
    ? caller.id === approvers.approver
    : caller.groups.has(approvers.group);
}

export interface CastDecision {
  approver: string;
  decision: Decision;
}

/** Any rejection rejects; the quorum of approvals approves; until then it waits. */
export function approvalOutcome(
  approvers: Approvers,
  decisions: readonly CastDecision[],
): ApprovalState {
  if (decisions.some((d) => d.decision === 'rejected')) return 'rejected';
  const approvals = decisions.filter((d) => d.decision === 'approved').length;
  return approvals >= approvers.quorum ? 'approved' : 'requested';
}

/** The people a request is by and for: neither may approve it, even as a member of its group. */
export interface RequestParties {
  requestedBy: string;
  requestedFor: string;
}

export type DecisionRefusal =
  | { kind: 'not-awaiting'; state: ApprovalState }
  | { kind: 'not-eligible'; eligible: string }
  | { kind: 'self-approval'; party: 'requestedBy' | 'requestedFor' }
  | { kind: 'already-decided'; decision: CastDecision };

/**
 * Why the caller may not decide now: it is no longer waiting, not theirs, their own request (by them
 * or for them, as the manager rule refuses a person who is their own manager), or they decided already.
 */
export function decisionRefusal(
  state: ApprovalState,
  approvers: Approvers,
  caller: Approver,
  decisions: readonly CastDecision[],
  parties: RequestParties,
): DecisionRefusal | undefined {
  if (!isEligible(approvers, caller))
    return { kind: 'not-eligible', eligible: eligibleIn(approvers) };
  if (caller.id === parties.requestedFor) return { kind: 'self-approval', party: 'requestedFor' };
  if (caller.id === parties.requestedBy) return { kind: 'self-approval', party: 'requestedBy' };
  const cast = decisions.find((d) => d.approver === caller.id);
  if (cast) return { kind: 'already-decided', decision: cast };
  if (state !== 'requested') return { kind: 'not-awaiting', state };
  return undefined;
}

/** Who may decide, in words a refused caller can act on. */
export const eligibleIn = (approvers: Approvers) =>
  approvers.kind === 'manager'
    ? `the requester's manager, ${approvers.approver}`
    : `${approvers.quorum} member(s) of group ${approvers.group}`;
