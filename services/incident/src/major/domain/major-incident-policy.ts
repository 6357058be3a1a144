import type { ImpactedService } from '../../incidents/domain/impacted-service';

/** A business service whose criticality is 1 is critical: its outage is a major incident. */
export const CRITICAL = 1;

/**
 * Why an incident becomes major automatically (DOMAIN.md: priority 1 that affects a business
 * service marked critical), or undefined when it does not.
 */
export function automaticMajorReason(
  priority: number,
  services: readonly ImpactedService[],
): string | undefined {
  if (priority !== 1) return undefined;
  const critical = services.filter((service) => service.criticality === CRITICAL);
  if (critical.length === 0) return undefined;
  const names = critical.map((service) => service.name).join(', ');
  return `Priority 1 on the critical business service${critical.length > 1 ? 's' : ''} ${names}`;
}
