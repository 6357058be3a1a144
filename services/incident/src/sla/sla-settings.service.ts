import { HttpStatus, Injectable } from '@nestjs/common';
import { validateSchedule } from '@itsm/calendar';
import { problem, validationProblem } from '@itsm/http';
import { requestSlaRepair, slaRepairStatus } from '@itsm/sla/repair';
import { DataSource, type EntityManager } from 'typeorm';
import type { DefinitionRequest, ScheduleRequest } from './sla-settings.dto';

const SCHEDULE_COLUMNS = `id, name, kind, time_zone AS "timeZone", hours, holidays, version`;
const DEFINITION_COLUMNS = `id, name, target, priorities, duration_seconds AS "durationSeconds",
  schedule_id AS "scheduleId", pause_on_hold AS "pauseOnHold", active, version`;

/**
 * SLA schedules and definitions, editable through the API. A change requests an SLA repair in the
 * same transaction: the clocks of open incidents are recomputed from their timelines in the
 * background (`SlaRepair`); the same history gives the same result.
 */
@Injectable()
export class SlaSettingsService {
  constructor(private readonly dataSource: DataSource) {}

  schedules() {
    return this.dataSource.query(`SELECT ${SCHEDULE_COLUMNS} FROM sla_schedules ORDER BY name`);
  }

  definitions() {
    return this.dataSource.query(
      `SELECT ${DEFINITION_COLUMNS} FROM sla_definitions ORDER BY priorities[1], target DESC, name`,
    );
  }

  /**
   * Whether the clocks of open incidents still wait to be recomputed after a change: a manager's
   * answer to "has my new target reached every incident yet?". Deferred incidents are those a
   * change held when the repair came to them; it comes back to them.
   */
  async repairStatus() {
    const { pending, requestedAt, deferredIds } = await slaRepairStatus(this.dataSource);
    return { pending, requestedAt, deferredIncidentIds: deferredIds };
  }

  async saveSchedule(request: ScheduleRequest, id?: string, version?: number) {
    const schedule = {
      timeZone: request.timeZone,
      kind: request.kind,
      hours: request.hours ?? [],
      holidays: request.holidays ?? [],
    };
    const errors = validateSchedule(schedule);
    if (errors.length > 0) throw validationProblem(errors);
    const values = [
      request.name,
      schedule.kind,
      schedule.timeZone,
      JSON.stringify(schedule.hours),
      JSON.stringify(schedule.holidays),
    ];
    return this.dataSource.transaction(async (manager) => {
      await this.assertNameFree(manager, 'sla_schedules', request.name, id);
      if (!id) {
        const [row] = await manager.query(
          `INSERT INTO sla_schedules (name, kind, time_zone, hours, holidays) VALUES ($1, $2, $3, $4, $5)
           RETURNING ${SCHEDULE_COLUMNS}`,
          values,
        );
        return row;
      }
      await requestSlaRepair(manager);
      const row = await this.replace(
        manager,
        'sla_schedules',
        SCHEDULE_COLUMNS,
        id,
        version!,
        `name = $3, kind = $4, time_zone = $5, hours = $6, holidays = $7`,
        values,
      );
      return row;
    });
  }

  async saveDefinition(request: DefinitionRequest, id?: string, version?: number) {
    const values = [
      request.name,
      request.target,
      [...new Set(request.priorities)],
      request.durationSeconds,
      request.scheduleId,
      request.pauseOnHold ?? true,
      request.active ?? true,
    ];
    return this.dataSource.transaction(async (manager) => {
      await requestSlaRepair(manager);
      await this.assertNameFree(manager, 'sla_definitions', request.name, id);
      const [schedule] = (await manager.query('SELECT 1 FROM sla_schedules WHERE id = $1', [
        request.scheduleId,
      ])) as unknown[];
      if (!schedule)
        throw validationProblem([
          { field: 'scheduleId', message: 'scheduleId must name an SLA schedule' },
        ]);
      const [row] = id
        ? [
            await this.replace(
              manager,
              'sla_definitions',
              DEFINITION_COLUMNS,
              id,
              version!,
              `name = $3, target = $4, priorities = $5, duration_seconds = $6, schedule_id = $7, pause_on_hold = $8, active = $9`,
              values,
            ),
          ]
        : ((await manager.query(
            `INSERT INTO sla_definitions (name, target, priorities, duration_seconds, schedule_id, pause_on_hold, active)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${DEFINITION_COLUMNS}`,
            values,
          )) as unknown[]);
      return row;
    });
  }

  private async replace(
    manager: EntityManager,
    table: string,
    columns: string,
    id: string,
    version: number,
    sets: string,
    values: unknown[],
  ) {
    const [current] = (await manager.query(
      `SELECT version FROM ${table} WHERE id = $1 FOR UPDATE`,
      [id],
    )) as Array<{ version: number }>;
    if (!current)
      throw problem(
        HttpStatus.NOT_FOUND,
        'not-found',
        'Not found',
        `No ${table.replace('sla_', 'SLA ').replace(/s$/, '')} ${id}`,
      );
    if (current.version !== version) {
      throw problem(
        HttpStatus.CONFLICT,
        'stale-version',
        'The record changed since you read it',
        `It is at version ${current.version}, not ${version}`,
        {
          currentVersion: current.version,
        },
      );
    }
    const [[row]] = (await manager.query(
      `UPDATE ${table} SET ${sets}, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2 RETURNING ${columns}`,
      [id, version, ...values],
    )) as [unknown[], number];
    return row;
  }

  private async assertNameFree(manager: EntityManager, table: string, name: string, id?: string) {
    const [taken] = (await manager.query(
      `SELECT id FROM ${table} WHERE name = $1 AND id IS DISTINCT FROM $2`,
      [name, id ?? null],
    )) as unknown[];
    if (taken) throw validationProblem([{ field: 'name', message: `name ${name} is taken` }]);
  }
}
