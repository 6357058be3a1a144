import { isMemberOf, type Principal } from '@itsm/auth/rules';

/**
 * An agent who is not a configuration manager (a service desk agent, the monitoring integration)
 * may report the operational status of the CIs their groups own, and change nothing else. Returns
 * why a change is refused, or undefined when it is allowed.
 */
export function agentChangeRefusal(
  caller: Principal,
  ownerGroup: string | null,
  request: object,
): string | undefined {
  const others = Object.entries(request)
    .filter(
      ([key, value]) => value !== undefined && !['operationalStatus', 'version'].includes(key),
    )
    .map(([key]) => key);
  if (others.length > 0)
    return `An agent may change only the operational status; not: ${others.join(', ')}`;
  if (!isMemberOf(caller, ownerGroup)) {
    return `Only agents of ${ownerGroup ?? "the CI's owner group"} may change this CI's status`;
  }
  return undefined;
}
