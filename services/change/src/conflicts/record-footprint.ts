import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Change } from '../changes/change.entity';
import { isEnded } from '../changes/domain/change-states';
import { sameCis } from '../risk/domain/impact-match';
import { ChangeFootprint } from './change-footprint.entity';

/**
 * Keeps the CMDB's answer about a change's neighbourhood, if it was computed for exactly the CIs
 * the change names now; an answer for CIs it no longer has, or for an ended change, changes nothing.
 * An answer without related CIs (from a CMDB that does not list them) keeps the change's own CIs
 * and services only, at depth 0.
 */
@Injectable()
export class RecordFootprint {
  async execute(manager: EntityManager, footprint: ChangeFootprint): Promise<void> {
    const change = await manager.findOne(Change, {
      where: { id: footprint.changeId },
      select: { id: true, state: true, affectedCiIds: true },
    });
    if (!change || isEnded(change.state) || !sameCis(footprint.ciIds, change.affectedCiIds)) {
      return;
    }
    await manager.upsert(ChangeFootprint, footprint, ['changeId']);
  }
}
