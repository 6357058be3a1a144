import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Change, CHANGE_ROW_LOCK, type ChangeImpact } from '../changes/change.entity';
import { ChangeWriter, snapshotOf } from '../changes/change-writer';
import { isEnded } from '../changes/domain/change-states';
import { isAssessing, sameCis, sameImpact } from './domain/impact-match';
import { RiskAssessor } from './risk-assessor';

export const CMDB_IMPACT_ACTOR = 'system:cmdb-impact';

/**
 * Flow 5: keeps the CMDB's answer for the change's current CIs, and re-assesses the risk with it
 * while the change is being assessed. An answer for CIs the change no longer names, or for a
 * change that has moved on (decided, scheduled, ended), changes nothing; nor does one telling
 * what the kept one told (a refreshed footprint's, mostly), which keeps its `calculatedAt`.
 */
@Injectable()
export class RecordChangeImpact {
  constructor(
    private readonly writer: ChangeWriter,
    private readonly risk: RiskAssessor,
  ) {}

  async execute(manager: EntityManager, id: string, impact: ChangeImpact): Promise<void> {
    const change = await manager.findOne(Change, {
      where: { id },
      lock: { mode: CHANGE_ROW_LOCK },
    });
    if (
      !change ||
      isEnded(change.state) ||
      !(change.state === 'new' || isAssessing(change.state, change.approval)) ||
      !sameCis(impact.ciIds, change.affectedCiIds) ||
      sameImpact(change.impact, impact)
    ) {
      return;
    }
    const now = new Date();
    const before = snapshotOf(change);
    change.impact = impact;
    if (isAssessing(change.state, change.approval)) await this.risk.assess(manager, change, now);
    await this.writer.commit(manager, before, change, { actor: CMDB_IMPACT_ACTOR, now });
  }
}
