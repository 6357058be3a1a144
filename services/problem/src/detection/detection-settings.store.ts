import { Injectable } from '@nestjs/common';
import { assertVersion } from '@itsm/persistence';
import type { EntityManager } from 'typeorm';
import type { DetectionSettings, GroupingKey } from './domain/detection-settings';

export interface StoredDetectionSettings extends DetectionSettings {
  groupingKeys: GroupingKey[];
  version: number;
  updatedBy: string;
  updatedAt: Date;
}

const COLUMNS = `threshold, window_minutes AS "windowMinutes", grouping_keys AS "groupingKeys",
  version, updated_by AS "updatedBy", updated_at AS "updatedAt"`;

/** The one row of detection settings (the migration writes DOMAIN.md's defaults). */
@Injectable()
export class DetectionSettingsStore {
  async read(manager: EntityManager, { locked = false } = {}): Promise<StoredDetectionSettings> {
    const [row] = (await manager.query(
      `SELECT ${COLUMNS} FROM problem_detection_settings ${locked ? 'FOR UPDATE' : ''}`,
    )) as StoredDetectionSettings[];
    return row!;
  }

  /** Replaces the settings read at `version` (409 when they changed since, by `assertVersion`). */
  async replace(
    manager: EntityManager,
    settings: DetectionSettings,
    version: number,
    actor: string,
  ): Promise<StoredDetectionSettings> {
    const current = await this.read(manager, { locked: true });
    assertVersion({ id: 'problem-detection', version: current.version }, 'Settings', version);
    const [rows] = (await manager.query(
      `UPDATE problem_detection_settings
          SET threshold = $1, window_minutes = $2, grouping_keys = $3, updated_by = $4,
              updated_at = now(), version = version + 1
        RETURNING ${COLUMNS}`,
      [settings.threshold, settings.windowMinutes, [...settings.groupingKeys], actor],
    )) as [StoredDetectionSettings[], number];
    return rows[0]!;
  }
}
