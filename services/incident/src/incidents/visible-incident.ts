import { visibleOr404, type Principal } from '@itsm/auth';
import type { EntityManager } from 'typeorm';
import { partiesOf } from './domain/incident-access';
import { Incident, INCIDENT_ROW_LOCK } from './incident.entity';

/**
 * The incident when the caller may see it, else the 404 of a missing one (a record the caller may
 * not see does not exist for them). `locked` takes it for a change.
 */
export async function loadVisibleIncident(
  manager: EntityManager,
  id: string,
  caller: Principal,
  { locked = false } = {},
): Promise<Incident> {
  const incident = await manager.findOne(Incident, {
    where: { id },
    ...(locked && { lock: { mode: INCIDENT_ROW_LOCK } }),
  });
  return visibleOr404(caller, 'incident', 'Incident', id, incident, partiesOf);
}
