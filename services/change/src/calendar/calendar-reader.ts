import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ChangeState, ChangeType } from '../changes/domain/change-states';
import type { CalendarBlackout, CalendarChange } from './domain/calendar-entries';

export interface CalendarFilterValues {
  ci?: string;
  service?: string;
  type?: ChangeType[];
  state?: ChangeState[];
}

/** Whose calendar: a reader of every change, or somebody who sees only the changes they asked for. */
export interface CalendarViewer {
  id: string;
  readsEveryChange: boolean;
}

export interface CalendarContent {
  changes: CalendarChange[];
  blackoutWindows: CalendarBlackout[];
  /** More changes overlap the range than one answer holds: narrow the range or filter. */
  truncated: boolean;
}

/** The most changes one calendar answer holds. */
export const MAX_CALENDAR_CHANGES = 5000;

/**
 * The statement reading the changes whose planned window overlaps a range. The overlap is written
 * as the GiST index `change_window` is (`tstzrange(planned_start, planned_end)`, planned windows
 * only), so that it is an index condition rather than a filter over every change.
 */
export function calendarChangesQuery(
  range: { from: Date; to: Date },
  filters: CalendarFilterValues,
  viewer: CalendarViewer,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [range.from, range.to];
  const where = [
    'c.planned_start IS NOT NULL',
    'c.planned_end IS NOT NULL',
    'tstzrange(c.planned_start, c.planned_end) && tstzrange($1, $2)',
  ];
  const add = (condition: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if (!viewer.readsEveryChange)
    add((n) => `(c.requested_by = ${n} OR c.opened_by = ${n})`, viewer.id);
  if (filters.ci) add((n) => `c.affected_ci_ids @> ARRAY[${n}::uuid]`, filters.ci);
  if (filters.type?.length) add((n) => `c.type = ANY(${n}::text[])`, filters.type);
  if (filters.state?.length) add((n) => `c.state = ANY(${n}::text[])`, filters.state);
  if (filters.service) {
    add(
      (n) => `EXISTS (SELECT 1 FROM change_footprints f WHERE f.change_id = c.id
        AND f.ci_ids @> c.affected_ci_ids AND f.ci_ids <@ c.affected_ci_ids
        AND f.service_ids @> ARRAY[${n}::uuid])`,
      filters.service,
    );
  }
  params.push(MAX_CALENDAR_CHANGES + 1);
  const sql = `SELECT c.id, c.number, c.type, c.state, c.short_description, c.risk, c.planned_start,
            c.planned_end, c.affected_ci_ids, c.updated_at, c.version
       FROM changes c WHERE ${where.join(' AND ')}
       ORDER BY c.planned_start, c.number LIMIT $${params.length}`;
  return { sql, params };
}

/**
 * The changes whose planned window overlaps a range, as the viewer may see them, and the freezes
 * over it. A change's services are those of the CMDB's answer for its current CIs.
 */
@Injectable()
export class CalendarReader {
  constructor(private readonly dataSource: DataSource) {}

  async read(
    range: { from: Date; to: Date },
    filters: CalendarFilterValues,
    viewer: CalendarViewer,
  ): Promise<CalendarContent> {
    const [changes, blackoutWindows] = await Promise.all([
      this.changes(range, filters, viewer),
      this.blackouts(range, filters),
    ]);
    return {
      changes: changes.slice(0, MAX_CALENDAR_CHANGES),
      blackoutWindows,
      truncated: changes.length > MAX_CALENDAR_CHANGES,
    };
  }

  private async changes(
    range: { from: Date; to: Date },
    filters: CalendarFilterValues,
    viewer: CalendarViewer,
  ): Promise<CalendarChange[]> {
    const { sql, params } = calendarChangesQuery(range, filters, viewer);
    const rows = (await this.dataSource.query(sql, params)) as Array<Record<string, unknown>>;
    return rows.map((row) => ({
      id: row.id as string,
      number: row.number as string,
      type: row.type as string,
      state: row.state as string,
      shortDescription: row.short_description as string,
      risk: row.risk as string | null,
      plannedStart: row.planned_start as Date,
      plannedEnd: row.planned_end as Date,
      affectedCiIds: row.affected_ci_ids as string[],
      updatedAt: row.updated_at as Date,
      version: row.version as number,
    }));
  }

  private async blackouts(
    range: { from: Date; to: Date },
    filters: CalendarFilterValues,
  ): Promise<CalendarBlackout[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, name, reason, scope, starts_at, ends_at, updated_at, version
         FROM blackout_windows
        WHERE tstzrange(starts_at, ends_at) && tstzrange($1, $2)
          AND ($3::uuid IS NULL OR scope = 'global' OR ci_ids @> ARRAY[$3::uuid])
          AND ($4::uuid IS NULL OR scope = 'global' OR service_ids @> ARRAY[$4::uuid])
        ORDER BY starts_at, name`,
      [range.from, range.to, filters.ci ?? null, filters.service ?? null],
    )) as Array<Record<string, unknown>>;
    return rows.map((row) => ({
      id: row.id as string,
      name: row.name as string,
      reason: row.reason as string | null,
      scope: row.scope as string,
      start: row.starts_at as Date,
      end: row.ends_at as Date,
      updatedAt: row.updated_at as Date,
      version: row.version as number,
    }));
  }
}
