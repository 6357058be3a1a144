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

/** What an answer tells about a change's CIs, apart from when the CMDB computed it. */
export interface ImpactContent extends ImpactAnswer {
  impactedCiCount: number;
  unknownCiIds?: readonly string[];
}

/**
 * Whether `answer` tells what `kept` told already: the same CIs, services, count and unknown CIs.
 * Answers to the footprint requests that relationships near a change make are mostly such; the
 * change then stays as it is (no new version for somebody editing it, no new assessment).
 */
export function sameImpact(kept: ImpactContent | null, answer: ImpactContent): boolean {
  return (
    kept !== null &&
    sameCis(kept.ciIds, answer.ciIds) &&
    kept.impactedCiCount === answer.impactedCiCount &&
    (kept.unknownCiIds === undefined) === (answer.unknownCiIds === undefined) &&
    sameCis(kept.unknownCiIds ?? [], answer.unknownCiIds ?? []) &&
    servicesKey(kept.impactedServices) === servicesKey(answer.impactedServices)
  );
}

/** The services in one order, each with every member the CMDB sent (its depth too). */
function servicesKey(services: readonly ImpactedService[]): string {
  return services
    .map((service) => JSON.stringify(Object.entries(service).sort(([a], [b]) => (a < b ? -1 : 1))))
    .sort()
    .join('\n');
}
