import { canWork, hasAnyRole, type Principal } from '@itsm/auth/rules';
import type { FieldError } from '@itsm/http';
import { MANAGERS, READERS } from '../../access';
import type { ResolutionCode } from './problem-states';

/** Who a problem belongs to, as far as access is concerned. */
export interface ProblemParties {
  openedBy: string;
  assignmentGroup: string | null;
  assignee: string | null;
}

/** Agents read every problem (they search the known errors while working incidents); a requester none. */
export const mayView = (caller: Principal) => hasAnyRole(caller, READERS);

/**
 * Problem managers work every problem; an agent works those assigned to one of their groups or to
 * them. The agent who opened a problem does not keep it: the group it is assigned to works it.
 */
export const mayWork = (caller: Principal, problem: ProblemParties) =>
  canWork(caller, 'problem', {
    requesters: [],
    assignmentGroup: problem.assignmentGroup,
    assignee: problem.assignee,
  });

export const isManager = (caller: Principal) => hasAnyRole(caller, MANAGERS);

/** Living with a cause or dropping a problem is the practice's decision, not a resolver group's. */
export const MANAGER_RESOLUTIONS: readonly ResolutionCode[] = ['risk_accepted', 'canceled'];

/** Why the caller may not end a problem with this resolution code (empty when they may). */
export function resolutionRefusals(
  caller: Principal,
  resolutionCode: string | undefined,
): FieldError[] {
  if (isManager(caller) || !MANAGER_RESOLUTIONS.includes(resolutionCode as ResolutionCode)) {
    return [];
  }
  return [
    {
      field: 'resolutionCode',
      message: `${resolutionCode} is a problem manager's decision`,
      allowed: ['fix_applied', 'duplicate'],
    },
  ];
}
