import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Change } from '../changes/change.entity';
import { isEnded } from '../changes/domain/change-states';
import { sameCis } from '../risk/domain/impact-match';
import type { ChangeFootprint } from './change-footprint.entity';
import { FOOTPRINT_REFRESH_STATES } from './domain/footprint-refresh';
import { FootprintRequests } from './footprint-requests';

/**
 * Keeps the CMDB's answer about a change's neighbourhood, if it was computed for exactly the CIs
 * the change names now; an answer for CIs it no longer has, or for an ended change, changes nothing.
 * An answer without related CIs (from a CMDB that does not list them) keeps the change's own CIs
 * and services only, at depth 0. Of two answers for the same CIs the later computed one stays, in
 * whatever order they arrive (an answer for the CIs the change names replaces
 * one for CIs it named before, however recent). Any answer ends the change's footprint request in
 * flight (`FootprintRequests`), or asks again when the graph moved near it meanwhile.
 */
@Injectable()
export class RecordFootprint {
  constructor(private readonly requests: FootprintRequests) {}

  async execute(manager: EntityManager, footprint: ChangeFootprint, now = new Date()) {
    const change = await manager.findOne(Change, {
      where: { id: footprint.changeId },
      select: { id: true, number: true, state: true, affectedCiIds: true },
    });
    if (!change) return;
    await this.requests.answered(
      manager,
      change,
      FOOTPRINT_REFRESH_STATES.includes(change.state),
      now,
    );
    if (isEnded(change.state) || !sameCis(footprint.ciIds, change.affectedCiIds)) return;
    await manager.query(
      `INSERT INTO change_footprints
         (change_id, ci_ids, related, related_ci_ids, service_ids, depth, truncated, calculated_at)
       VALUES ($1, $2, $3,
               ARRAY(SELECT (r->>'id')::uuid FROM jsonb_array_elements($3::jsonb) r),
               $4, $5, $6, $7)
       ON CONFLICT (change_id) DO UPDATE
         SET ci_ids = excluded.ci_ids, related = excluded.related,
             related_ci_ids = excluded.related_ci_ids,
             service_ids = excluded.service_ids, depth = excluded.depth,
             truncated = excluded.truncated, calculated_at = excluded.calculated_at
       WHERE change_footprints.calculated_at <= excluded.calculated_at
          OR NOT (change_footprints.ci_ids @> excluded.ci_ids
                  AND change_footprints.ci_ids <@ excluded.ci_ids)`,
      [
        footprint.changeId,
        footprint.ciIds,
        JSON.stringify(footprint.related),
        footprint.serviceIds,
        footprint.depth,
        footprint.truncated,
        footprint.calculatedAt,
      ],
    );
  }
}
