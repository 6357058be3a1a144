import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface ChangeCandidate {
  changeId: string;
  changeNumber: string;
  configurationItemId: string;
  windowStart: string;
  windowEnd: string;
  linkedAt: string;
}

/** The "caused by change" candidates of an incident, oldest link first. */
@Injectable()
export class ChangeCandidates {
  async of(manager: EntityManager, incidentId: string): Promise<ChangeCandidate[]> {
    const rows = (await manager.query(
      `SELECT c.id AS "changeId", c.number AS "changeNumber",
              l.configuration_item_id AS "configurationItemId",
              c.window_start AS "windowStart", c.window_end AS "windowEnd", l.linked_at AS "linkedAt"
         FROM incident_change_candidates l JOIN unsuccessful_changes c ON c.id = l.change_id
        WHERE l.incident_id = $1 ORDER BY l.linked_at, c.number`,
      [incidentId],
    )) as Array<Record<'windowStart' | 'windowEnd' | 'linkedAt', Date> & ChangeCandidate>;
    return rows.map((row) => ({
      ...row,
      windowStart: row.windowStart.toISOString(),
      windowEnd: row.windowEnd.toISOString(),
      linkedAt: row.linkedAt.toISOString(),
    }));
  }
}
