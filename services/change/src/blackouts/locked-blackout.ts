import { recordNotFound } from '@itsm/auth';
import { assertVersion } from '@itsm/persistence';
import type { EntityManager } from 'typeorm';
import { BlackoutWindow } from './blackout-window.entity';

/** A freeze to change: locked, and at the version the caller read (404, 409 otherwise). */
export async function lockedBlackout(
  manager: EntityManager,
  id: string,
  version: number,
): Promise<BlackoutWindow> {
  const blackout = await manager.findOne(BlackoutWindow, {
    where: { id },
    lock: { mode: 'pessimistic_write' },
  });
  if (!blackout) throw recordNotFound('Blackout window', id);
  assertVersion(blackout, 'Blackout window', version);
  return blackout;
}
