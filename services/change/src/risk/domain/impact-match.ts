import type { ImpactedService } from './change-risk';

export interface ImpactAnswer {
  ciIds: readonly string[];
  impactedServices: ImpactedService[];
}

/** The CMDB's answer if it was computed for exactly these CIs; an answer for others is history. */
export function impactFor<T extends ImpactAnswer>(
  answer: T | null,
  ciIds: readonly string[],
): T | null {
  return answer !== null && sameCis(answer.ciIds, ciIds) ? answer : null;
}

export function sameCis(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a.map((id) => id.toLowerCase()));
  return (
    set.size === new Set(b.map((id) => id.toLowerCase())).size &&
    b.every((id) => set.has(id.toLowerCase()))
  );
}

/**
 * Whether the risk of a change in `state` still follows its CIs: in Assess, and in Authorize until
 * the board has decided. Afterwards a late answer or an edit is history for the risk.
 */
export function isAssessing(state: string, approval: string | null): boolean {
  return state === 'assess' || (state === 'authorize' && approval === 'requested');
}
