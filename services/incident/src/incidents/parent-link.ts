import type { Principal } from '@itsm/auth';
import { validationProblem } from '@itsm/http';
import type { EntityManager } from 'typeorm';
import { mayView } from './domain/incident-access';
import { isEnded } from './domain/incident-states';
import { Incident } from './incident.entity';

/**
 * A parent must be an incident the caller can see (so that the answer tells nothing of others),
 * still open to children, and not the child itself or one of its descendants.
 */
export async function assertParent(
  manager: EntityManager,
  parentId: string | null | undefined,
  caller: Principal,
  childId?: string,
): Promise<void> {
  if (!parentId) return;
  const parent = await manager.findOneBy(Incident, { id: parentId });
  if (!parent || !mayView(caller, parent)) {
    throw validationProblem([
      { field: 'parentId', message: 'parentId must name an incident you can see' },
    ]);
  }
  if (isEnded(parent.state)) {
    throw validationProblem([
      { field: 'parentId', message: `parentId names ${parent.number}, which is ${parent.state}` },
    ]);
  }
  if (!childId) return;
  // Two re-parentings at once (A under B, B under A) would each miss the other's uncommitted
  // link; they are rare, so one lock for all of them makes the second see the first.
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('incident:parent-links'))`);
  const [cycle] = (await manager.query(
    `WITH RECURSIVE ancestors (id) AS (
       SELECT $1::uuid UNION
       SELECT i.parent_id FROM incidents i JOIN ancestors a ON i.id = a.id WHERE i.parent_id IS NOT NULL
     ) SELECT 1 FROM ancestors WHERE id = $2`,
    [parentId, childId],
  )) as unknown[];
  if (cycle) {
    throw validationProblem([
      { field: 'parentId', message: `${parent.number} is this incident or one of its children` },
    ]);
  }
}
