import type { ProvisioningRule } from './provisioning-rule';

export type ProvisioningPart = 'ci' | 'change';
export type PartStatus = 'pending' | 'created' | 'refused';

/** What the CMDB answered: the CI it created, or why it refused. */
export interface CiOutcome {
  status: PartStatus;
  ciId: string | null;
  ciName: string | null;
  reason: string | null;
  answeredAt: string | null;
}

/** What the change service answered: the standard change it raised, or why it refused. */
export interface ChangeOutcome {
  status: PartStatus;
  changeId: string | null;
  changeNumber: string | null;
  reason: string | null;
  answeredAt: string | null;
}

/** A requested item's provisioning, from the moment it was asked for: one entry per part asked. */
export interface Provisioning {
  requestedAt: string;
  ci?: CiOutcome;
  change?: ChangeOutcome;
}

/** waiting for an answer; delivered (every part created); needs_attention (a part was refused). */
export type ProvisioningStatus = 'waiting' | 'delivered' | 'needs_attention';

/** An answer as it arrives, from either service. */
export type Answer =
  | { part: 'ci'; status: 'created' | 'refused'; ciId?: string; ciName: string; reason?: string }
  | {
      part: 'change';
      status: 'created' | 'refused';
      changeId?: string;
      changeNumber?: string;
      reason?: string;
    };

const pending = { status: 'pending', reason: null, answeredAt: null } as const;

/** The provisioning asked for when the plan is done: every part of the rule pending. */
export function provisioningAskedFor(rule: ProvisioningRule, at: Date): Provisioning {
  return {
    requestedAt: at.toISOString(),
    ...(rule.ci ? { ci: { ...pending, ciId: null, ciName: null } } : {}),
    ...(rule.change ? { change: { ...pending, changeId: null, changeNumber: null } } : {}),
  };
}

export function provisioningStatus(p: Provisioning): ProvisioningStatus {
  const parts = [p.ci, p.change].filter((part) => part !== undefined);
  if (parts.some((part) => part.status === 'refused')) return 'needs_attention';
  return parts.every((part) => part.status === 'created') ? 'delivered' : 'waiting';
}

/**
 * Records an answer once: an answer to a part not asked for, or already answered (a redelivery,
 * or the same answer sent twice), changes nothing and is reported as such.
 */
export function recordAnswer(
  p: Provisioning,
  answer: Answer,
  at: Date,
): { recorded: true; provisioning: Provisioning } | { recorded: false } {
  const current = p[answer.part];
  if (!current || current.status !== 'pending') return { recorded: false };
  const answeredAt = at.toISOString();
  const reason = answer.status === 'refused' ? (answer.reason ?? 'refused') : null;
  if (answer.part === 'ci') {
    const ci: CiOutcome = {
      status: answer.status,
      ciId: answer.ciId ?? null,
      ciName: answer.ciName,
      reason,
      answeredAt,
    };
    return { recorded: true, provisioning: { ...p, ci } };
  }
  const change: ChangeOutcome = {
    status: answer.status,
    changeId: answer.changeId ?? null,
    changeNumber: answer.changeNumber ?? null,
    reason,
    answeredAt,
  };
  return { recorded: true, provisioning: { ...p, change } };
}
