import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PriorityMatrix } from '../../priority/domain/priority-matrix';
import { SlaClocksService } from '../../sla/sla-clocks.service';
import type { IncidentSlaDefinition } from '../../sla/domain/incident-sla-clock';

/**
 * What an opening reads besides its request, identified by the row versions (`xmin`) of the
 * priority matrix and of the SLA definitions in force with their schedules: any committed write to
 * them, by any replica or by hand, makes new row versions and so another fingerprint.
 */
export const OPENING_SETTINGS_FINGERPRINT = `concat(
  (SELECT xmin::text FROM priority_matrix), ':', (
    SELECT string_agg(d.xmin::text || '/' || s.xmin::text, ',' ORDER BY d.id)
      FROM sla_definitions d JOIN sla_schedules s ON s.id = d.schedule_id
     WHERE d.active))`;

export interface OpeningSettings {
  matrix: PriorityMatrix;
  definitions: IncidentSlaDefinition[];
  /** `OPENING_SETTINGS_FINGERPRINT` of these settings. */
  fingerprint: string;
}

/**
 * The settings of an opening, kept between requests. They change rarely and are read by every
 * opening, so an opening does not read them: its statement writes only if the settings it was
 * computed with are still those in force (their fingerprint), and otherwise writes nothing, so
 * that the opening reloads them here and is computed again.
 */
@Injectable()
export class OpeningSettingsCache {
  private settings?: Promise<OpeningSettings>;
  private loaded?: OpeningSettings;

  constructor(private readonly slas: SlaClocksService) {}

  current(manager: EntityManager): Promise<OpeningSettings> {
    this.settings ??= this.load(manager).then(
      (settings) => (this.loaded = settings),
      (error: unknown) => {
        this.settings = undefined;
        throw error;
      },
    );
    return this.settings;
  }

  /** Forgets settings found stale, unless another opening has already done so. */
  forget(stale: OpeningSettings): void {
    if (this.loaded !== stale) return;
    this.loaded = undefined;
    this.settings = undefined;
  }

  private async load(manager: EntityManager): Promise<OpeningSettings> {
    // The fingerprint first: a change committed between the two reads leaves it older than the
    // settings, so the next opening finds it stale and reloads, never the other way round.
    const [row] = (await manager.query(
      `SELECT ${OPENING_SETTINGS_FINGERPRINT} AS fingerprint, (SELECT matrix FROM priority_matrix) AS matrix`,
    )) as Array<{ fingerprint: string; matrix: PriorityMatrix }>;
    const definitions = await this.slas.definitionsInForce(manager);
    return { matrix: row!.matrix, definitions, fingerprint: row!.fingerprint };
  }
}
