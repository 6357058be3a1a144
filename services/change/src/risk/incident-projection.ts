import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * The incidents risk counts on a change's CIs, as the incident service announces them: only the
 * CI each names and when it was opened (never a call to the incident service).
 */
@Injectable()
export class IncidentProjection {
  /**
   * The CI an incident names now (or none). `openedAt` is kept from the first event seen: an
   * incident first seen by an update (consumed from a later offset) counts from that update.
   */
  async put(
    manager: EntityManager,
    incident: { id: string; configurationItemId: string | null; openedAt: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO incident_projection (id, configuration_item_id, opened_at) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET configuration_item_id = EXCLUDED.configuration_item_id`,
      [incident.id, incident.configurationItemId, incident.openedAt],
    );
  }
}
