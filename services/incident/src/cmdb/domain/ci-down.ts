import type { Level } from '../../priority/domain/priority-matrix';

/**
 * Flow 1: the impact of an incident opened for a CI that went down follows the CI's criticality
 * (1 → 1, 2 → 2, 3 and 4 → 3); its urgency is high, since the CI is down now.
 */
export function impactOfCriticality(criticality: number): Level {
  return Math.min(Math.max(criticality, 1), 3) as Level;
}

export const CI_DOWN_URGENCY: Level = 1;
export const CMDB_ACTOR = 'system:cmdb';
