import { recordNotFound, type Principal } from '@itsm/auth';
import type { EntityManager } from 'typeorm';
import { mayView } from './domain/change-access';
import { Change, CHANGE_ROW_LOCK } from './change.entity';

/**
 * The change when the caller may see it, else the 404 of a missing one (a requester cannot learn
 * that somebody else's change exists). `locked` takes it for a change.
 */
export async function loadVisibleChange(
  manager: EntityManager,
  id: string,
  caller: Principal,
  { locked = false } = {},
): Promise<Change> {
  const change = await manager.findOne(Change, {
    where: { id },
    ...(locked && { lock: { mode: CHANGE_ROW_LOCK } }),
  });
  if (!change || !mayView(caller, change)) throw recordNotFound('Change', id);
  return change;
}
