import { Inject, Injectable } from '@nestjs/common';
import { incidentChangeCandidateLinked, type changeClosed, type EventData } from '@itsm/contracts';
import { Outbox } from '@itsm/messaging';
import { writeAuditEntries } from '@itsm/persistence';
import type { EntityManager } from 'typeorm';
import { changeWindow } from '../domain/caused-by-change';

/** Who the history names as having linked a candidate. */
export const CANDIDATES_ACTOR = 'system:change-candidates';

/** An incident and an unsuccessful change whose window it was opened in (`i` and `c`). */
const PAIR_COLUMNS = `i.id AS incident_id, i.number, i.short_description, i.opened_at,
  i.configuration_item_id, c.id AS change_id, c.number AS change_number, c.window_start, c.window_end`;

interface CandidatePair {
  incident_id: string;
  number: string;
  short_description: string;
  opened_at: Date;
  configuration_item_id: string;
  change_id: string;
  change_number: string;
  window_start: Date;
  window_end: Date;
}

/**
 * The two sides of flow 6 take turns per CI until their transaction ends. Without it an incident
 * committed while a change is being announced is missed by both: the change's transaction selected
 * incidents before it existed, and the incident's, reading committed rows, does not see the change
 * yet. With it the later side waits for the earlier to commit, then sees its row. Sorted, so that two
 * changes sharing CIs cannot deadlock; a 64-bit hash of the CI id, apart from other locks' keys.
 */
async function takeTurnsOnCis(manager: EntityManager, ciIds: readonly string[]): Promise<void> {
  for (const ciId of [...new Set(ciIds)].sort()) {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `change-candidates:${ciId}`,
    ]);
  }
}

/**
 * Flow 6: links an incident on a CI of an unsuccessful change, opened during or up to 24 h after its
 * window, as a "caused by change" candidate, from either side: the change announced (the incidents
 * already there) and an incident opened or moved to a CI later (the changes already announced, kept
 * in a small projection). Each link once: a line in the incident's history and
 * `incident.change_candidate_linked`, in the caller's transaction.
 */
@Injectable()
export class LinkChangeCandidates {
  constructor(@Inject(Outbox) private readonly outbox: Outbox) {}

  async forChange(manager: EntityManager, change: EventData<typeof changeClosed>): Promise<void> {
    if (change.closeCode !== 'unsuccessful' || change.affectedCiIds.length === 0) return;
    const window = changeWindow(change);
    await takeTurnsOnCis(manager, change.affectedCiIds);
    await manager.query(
      `INSERT INTO unsuccessful_changes (id, number, ci_ids, window_start, window_end, link_until)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
      [change.id, change.number, change.affectedCiIds, window.start, window.end, window.linkUntil],
    );
    await this.link(
      manager,
      `SELECT ${PAIR_COLUMNS}
         FROM unsuccessful_changes c
         JOIN incidents i ON i.configuration_item_id = ANY(c.ci_ids)
          AND i.opened_at BETWEEN c.window_start AND c.link_until
        WHERE c.id = $1`,
      [change.id],
    );
  }

  async forIncident(manager: EntityManager, incidentId: string): Promise<void> {
    const [incident] = (await manager.query(
      'SELECT configuration_item_id FROM incidents WHERE id = $1',
      [incidentId],
    )) as Array<{ configuration_item_id: string | null }>;
    if (!incident?.configuration_item_id) return;
    await takeTurnsOnCis(manager, [incident.configuration_item_id]);
    await this.link(
      manager,
      `SELECT ${PAIR_COLUMNS}
         FROM incidents i
         JOIN unsuccessful_changes c ON c.ci_ids @> ARRAY[i.configuration_item_id]
          AND i.opened_at BETWEEN c.window_start AND c.link_until
        WHERE i.id = $1`,
      [incidentId],
    );
  }

  /**
   * Links the pairs `pairsQuery` selects (`$1` its one parameter) in one statement, then writes the
   * history lines and the events of those newly linked, each in one statement too.
   */
  private async link(manager: EntityManager, pairsQuery: string, parameters: [unknown]) {
    const linkedAt = new Date();
    const pairs = (await manager.query(
      `WITH pairs AS (${pairsQuery}),
            linked AS (
              INSERT INTO incident_change_candidates
                     (incident_id, change_id, configuration_item_id, linked_at)
              SELECT incident_id, change_id, configuration_item_id, $2 FROM pairs
                  ON CONFLICT DO NOTHING RETURNING incident_id, change_id)
       SELECT pairs.* FROM pairs JOIN linked USING (incident_id, change_id)
        ORDER BY pairs.opened_at, pairs.change_number`,
      [...parameters, linkedAt],
    )) as CandidatePair[];
    await writeAuditEntries(
      manager,
      pairs.map((pair) => ({
        entityType: 'incident',
        entityId: pair.incident_id,
        operation: 'update',
        field: 'causedByChangeCandidates',
        oldValue: null,
        newValue: { changeId: pair.change_id, changeNumber: pair.change_number },
        actor: CANDIDATES_ACTOR,
      })),
    );
    await this.outbox.publishMany(
      manager,
      pairs.map((pair) => ({
        definition: incidentChangeCandidateLinked,
        aggregateId: pair.incident_id,
        data: {
          id: pair.incident_id,
          number: pair.number,
          changeId: pair.change_id,
          changeNumber: pair.change_number,
          configurationItemId: pair.configuration_item_id,
          openedAt: pair.opened_at.toISOString(),
          shortDescription: pair.short_description,
          windowStart: pair.window_start.toISOString(),
          windowEnd: pair.window_end.toISOString(),
          linkedAt: linkedAt.toISOString(),
        },
      })),
    );
  }
}
