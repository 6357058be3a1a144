import { Injectable, type OnModuleInit } from '@nestjs/common';
import { metrics } from '@opentelemetry/api';
import { DataSource } from 'typeorm';
import { OPEN_STATES } from '../incidents/domain/incident-states';
import type { FigureWindow } from '@itsm/http';

const DAY = 24 * 3600 * 1000;

/**
 * The figures of continual improvement (DOMAIN.md): open backlog by priority and group, mean time
 * to acknowledge and to resolve, SLA attainment and reopen rate, over incidents opened in a window.
 * Served by the API and, over the last 30 days, as Prometheus gauges.
 */
@Injectable()
export class IncidentFiguresService implements OnModuleInit {
  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    const meter = metrics.getMeter('@itsm/incident');
    const backlog = meter.createObservableGauge('itsm_incident_open_backlog', {
      description: 'Open incidents (new, in progress, on hold) by priority and assignment group',
    });
    const mtta = meter.createObservableGauge('itsm_incident_mean_time_to_acknowledge_seconds', {
      description:
        'Mean time from opening to acknowledgement, incidents opened in the last 30 days',
      unit: 's',
    });
    const mttr = meter.createObservableGauge('itsm_incident_mean_time_to_resolve_seconds', {
      description: 'Mean time from opening to resolution, incidents opened in the last 30 days',
      unit: 's',
    });
    const attainment = meter.createObservableGauge('itsm_incident_sla_attainment_ratio', {
      description: 'Share of finished SLA clocks achieved, by target, last 30 days',
    });
    const reopen = meter.createObservableGauge('itsm_incident_reopen_ratio', {
      description: 'Share of resolved incidents that were reopened, last 30 days',
    });
    meter.addBatchObservableCallback(
      async (observer) => {
        const figures = await this.figures({
          from: new Date(Date.now() - 30 * DAY),
          to: new Date(),
        });
        for (const row of figures.backlog) {
          observer.observe(backlog, row.count, {
            priority: String(row.priority),
            group: row.assignmentGroup ?? 'unassigned',
          });
        }
        if (figures.meanTimeToAcknowledgeSeconds !== null)
          observer.observe(mtta, figures.meanTimeToAcknowledgeSeconds);
        if (figures.meanTimeToResolveSeconds !== null)
          observer.observe(mttr, figures.meanTimeToResolveSeconds);
        for (const row of figures.slaAttainment) {
          if (row.ratio !== null) observer.observe(attainment, row.ratio, { target: row.target });
        }
        if (figures.reopenRate !== null) observer.observe(reopen, figures.reopenRate);
      },
      [backlog, mtta, mttr, attainment, reopen],
    );
  }

  async figures(window: FigureWindow) {
    const range = [window.from, window.to];
    const [backlog, times, slas, reopens] = await Promise.all([
      this.dataSource.query(
        `SELECT priority, assignment_group AS "assignmentGroup", count(*)::int AS count FROM incidents
          WHERE state = ANY($1)
          GROUP BY priority, assignment_group ORDER BY priority, assignment_group NULLS LAST`,
        [OPEN_STATES],
      ) as Promise<Array<{ priority: number; assignmentGroup: string | null; count: number }>>,
      this.dataSource.query(
        `SELECT count(*)::int AS opened,
                avg(extract(epoch FROM acknowledged_at - opened_at)) AS mtta,
                avg(extract(epoch FROM resolved_at - opened_at)) AS mttr
           FROM incidents WHERE opened_at >= $1 AND opened_at < $2`,
        range,
      ) as Promise<Array<{ opened: number; mtta: string | null; mttr: string | null }>>,
      this.dataSource.query(
        `SELECT d.target, count(*) FILTER (WHERE s.stage = 'achieved')::int AS achieved,
                count(*) FILTER (WHERE s.stage = 'breached')::int AS breached
           FROM incident_slas s JOIN sla_definitions d ON d.id = s.definition_id
           JOIN incidents i ON i.id = s.incident_id
          WHERE i.opened_at >= $1 AND i.opened_at < $2
          GROUP BY d.target ORDER BY d.target`,
        range,
      ) as Promise<Array<{ target: string; achieved: number; breached: number }>>,
      this.dataSource.query(
        `SELECT count(*) FILTER (WHERE reopen_count > 0)::int AS reopened,
                count(*) FILTER (WHERE reopen_count > 0 OR resolved_at IS NOT NULL
                                   OR state IN ('resolved', 'closed'))::int AS resolved
           FROM incidents WHERE opened_at >= $1 AND opened_at < $2`,
        range,
      ) as Promise<Array<{ reopened: number; resolved: number }>>,
    ]);
    const seconds = (value: string | null) => (value === null ? null : Math.round(Number(value)));
    return {
      from: window.from,
      to: window.to,
      backlog,
      openedInWindow: times[0]!.opened,
      meanTimeToAcknowledgeSeconds: seconds(times[0]!.mtta),
      meanTimeToResolveSeconds: seconds(times[0]!.mttr),
      slaAttainment: slas.map((row) => ({
        ...row,
        ratio:
          row.achieved + row.breached === 0 ? null : row.achieved / (row.achieved + row.breached),
      })),
      reopenRate: reopens[0]!.resolved === 0 ? null : reopens[0]!.reopened / reopens[0]!.resolved,
    };
  }
}
