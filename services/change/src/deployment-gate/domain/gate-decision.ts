import type { ApprovalOutcome } from '../../approvals/domain/approval-policy';
import type { ChangeState, ChangeType } from '../../changes/domain/change-states';

/** A CI as the caller named it, and the CIs of the CMDB that name resolves to. */
export interface AskedCi {
  /** As given: a CI id, or a name or identifier the CMDB knows (serial number, host name…). */
  ref: string;
  ciIds: string[];
}

/** What the gate reads of a change that names one of the CIs. */
export interface GateChange {
  id: string;
  number: string;
  type: ChangeType;
  state: ChangeState;
  approval: ApprovalOutcome | null;
  plannedStart: Date | null;
  plannedEnd: Date | null;
  affectedCiIds: string[];
}

export const GATE_REASONS = [
  'unknown_ci',
  'ambiguous_ci',
  'no_change',
  'not_implementing',
  'not_authorised',
  'outside_window',
  'not_all_cis',
] as const;
export type GateReasonCode = (typeof GATE_REASONS)[number];

export interface GateReason {
  code: GateReasonCode;
  message: string;
  ci?: string;
  change?: string;
}

export type GateDecision =
  | { allowed: true; change: GateChange; ciIds: string[] }
  | { allowed: false; reasons: GateReason[] };

/**
 * May a deployment to these CIs proceed at `at`? Only inside the planned window (start inclusive,
 * end exclusive) of one change in Implement, authorised (approved, or standard and so
 * pre-approved), that names every CI asked for. Otherwise every reason, so that the pipeline's log
 * says what to fix: each CI nobody knows or that names several, each CI no open change covers, and
 * for each change that covers some of them, every way it falls short.
 */
export function gateDecision(
  asked: readonly AskedCi[],
  changes: readonly GateChange[],
  at: Date,
): GateDecision {
  const reasons: GateReason[] = [];
  for (const { ref, ciIds } of asked) {
    if (ciIds.length === 0) {
      reasons.push({ code: 'unknown_ci', ci: ref, message: `No CI is known as '${ref}'` });
    } else if (ciIds.length > 1) {
      reasons.push({
        code: 'ambiguous_ci',
        ci: ref,
        message: `'${ref}' names ${ciIds.length} CIs (${ciIds.join(', ')}): give the CI's id`,
      });
    }
  }
  if (reasons.length > 0) return { allowed: false, reasons };
  const wanted = [...new Set(asked.map(({ ciIds }) => ciIds[0]!))];
  const refOf = (ciId: string) => asked.find(({ ciIds }) => ciIds[0] === ciId)?.ref ?? ciId;
  for (const ciId of wanted) {
    if (!changes.some((change) => change.affectedCiIds.includes(ciId))) {
      reasons.push({
        code: 'no_change',
        ci: refOf(ciId),
        message: `No open change covers CI ${refOf(ciId)}`,
      });
    }
  }
  for (const change of changes) {
    const shortfalls = changeShortfalls(change, wanted, refOf, at);
    // A change that covers every CI leaves none uncovered: the reasons so far are other changes'.
    if (shortfalls.length === 0) return { allowed: true, change, ciIds: wanted };
    reasons.push(...shortfalls);
  }
  return { allowed: false, reasons };
}

function changeShortfalls(
  change: GateChange,
  wanted: readonly string[],
  refOf: (ciId: string) => string,
  at: Date,
): GateReason[] {
  const reasons: GateReason[] = [];
  const reason = (code: GateReasonCode, message: string) =>
    reasons.push({ code, change: change.number, message });
  if (change.state !== 'implement') {
    reason('not_implementing', `${change.number} is in ${change.state}, not implement`);
  }
  if (!isAuthorised(change)) {
    reason(
      'not_authorised',
      `${change.number} is not authorised (approval: ${change.approval ?? 'none'})`,
    );
  }
  if (!insideWindow(change, at)) {
    reason(
      'outside_window',
      `${at.toISOString()} is outside the window of ${change.number} (${window(change)})`,
    );
  }
  const missing = wanted.filter((ciId) => !change.affectedCiIds.includes(ciId));
  if (missing.length > 0) {
    reason('not_all_cis', `${change.number} does not cover CI ${missing.map(refOf).join(', ')}`);
  }
  return reasons;
}

/** A standard change is pre-approved; the others once their board approved them. */
export function isAuthorised(change: Pick<GateChange, 'type' | 'approval'>): boolean {
  return change.type === 'standard' || change.approval === 'approved';
}

function insideWindow(change: GateChange, at: Date): boolean {
  const { plannedStart: start, plannedEnd: end } = change;
  return start !== null && end !== null && start <= at && at < end;
}

function window(change: GateChange): string {
  const iso = (date: Date | null) => date?.toISOString() ?? 'unplanned';
  return `${iso(change.plannedStart)} to ${iso(change.plannedEnd)}`;
}
