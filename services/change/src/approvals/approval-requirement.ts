import type { Change } from '../changes/change.entity';
import {
  approvalRequirement,
  type ApprovalRequirement,
  type ApprovalSettings,
} from './domain/approval-policy';

/** The requirement of a change's policy; none for a standard change, which is pre-approved. */
export function requirementOf(
  change: Change,
  settings: ApprovalSettings,
): ApprovalRequirement | null {
  return change.type === 'standard'
    ? null
    : approvalRequirement(change.type, change.risk, settings);
}
