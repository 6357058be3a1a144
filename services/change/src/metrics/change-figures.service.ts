import { Injectable, type OnModuleInit } from '@nestjs/common';
import { metrics } from '@opentelemetry/api';
import { DataSource } from 'typeorm';
import { CLOSE_CODES } from '../changes/domain/change-transition';
import type { FigureWindow } from '@itsm/http';

const DAY = 24 * 3600 * 1000;
const seconds = (value: string | null) => (value === null ? null : Math.round(Number(value)));
const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * The change figures of continual improvement (DOMAIN.md): success rate, emergency share, lead
 * time and approval time, over a window. Served by the API and, over the last 30 days, as
 * Prometheus gauges.
 */
/**
 * The figures over a window `[$1, $2)`, each through an index on its own time (migration
 * 1766900000000): a scrape of /metrics runs them all, so none may read every change or audit line.
 */
export const FIGURE_QUERIES = {
  closed: `SELECT close_code AS "closeCode", count(*)::int AS count,
                  avg(extract(epoch FROM closed_at - opened_at)) AS lead
             FROM changes WHERE state = 'closed' AND closed_at >= $1 AND closed_at < $2
            GROUP BY close_code`,
  raised: `SELECT count(*)::int AS raised, count(*) FILTER (WHERE type = 'emergency')::int AS emergencies
             FROM changes WHERE opened_at >= $1 AND opened_at < $2`,
  implemented: `SELECT avg(extract(epoch FROM actual_start - opened_at)) AS lead
                  FROM changes WHERE actual_start >= $1 AND actual_start < $2`,
  // Each decision (the audit trail's `approval` becoming approved or rejected) against the latest
  // entry into Authorize before it: a change sent back is timed per round.
  approvals: `SELECT count(*)::int AS decided, avg(extract(epoch FROM d.changed_at - a.changed_at)) AS mean
                FROM audit_trail d
                CROSS JOIN LATERAL (
                  SELECT changed_at FROM audit_trail s
                   WHERE s.entity_type = 'change' AND s.entity_id = d.entity_id AND s.field = 'state'
                     AND s.new_value = '"authorize"' AND s.id < d.id
                   ORDER BY s.id DESC LIMIT 1) a
               WHERE d.entity_type = 'change' AND d.field = 'approval'
                 AND d.new_value IN ('"approved"', '"rejected"')
                 AND d.changed_at >= $1 AND d.changed_at < $2`,
};

@Injectable()
export class ChangeFiguresService implements OnModuleInit {
  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    const meter = metrics.getMeter('@itsm/change');
    const closed = meter.createObservableGauge('itsm_change_closed_changes', {
      description: 'Changes closed in the last 30 days, by close code',
    });
    const success = meter.createObservableGauge('itsm_change_success_ratio', {
      description: 'Share of the changes closed in the last 30 days that were not unsuccessful',
    });
    const emergency = meter.createObservableGauge('itsm_change_emergency_ratio', {
      description: 'Share of emergencies among the changes raised in the last 30 days',
    });
    const leadTime = meter.createObservableGauge('itsm_change_mean_lead_time_seconds', {
      description:
        'Mean time from raising a change to implementing (`to="implement"`) or closing it (`to="closed"`), last 30 days',
      unit: 's',
    });
    const approvalTime = meter.createObservableGauge('itsm_change_mean_approval_time_seconds', {
      description: 'Mean time from entering Authorize to the approval decision, last 30 days',
      unit: 's',
    });
    meter.addBatchObservableCallback(
      async (observer) => {
        const figures = await this.figures({
          from: new Date(Date.now() - 30 * DAY),
          to: new Date(),
        });
        for (const [closeCode, count] of Object.entries(figures.closedByCloseCode)) {
          observer.observe(closed, count, { close_code: closeCode });
        }
        if (figures.successRate !== null) observer.observe(success, figures.successRate);
        if (figures.emergencyShare !== null) observer.observe(emergency, figures.emergencyShare);
        if (figures.meanLeadTimeToImplementSeconds !== null)
          observer.observe(leadTime, figures.meanLeadTimeToImplementSeconds, { to: 'implement' });
        if (figures.meanLeadTimeToCloseSeconds !== null)
          observer.observe(leadTime, figures.meanLeadTimeToCloseSeconds, { to: 'closed' });
        if (figures.meanApprovalTimeSeconds !== null)
          observer.observe(approvalTime, figures.meanApprovalTimeSeconds);
      },
      [closed, success, emergency, leadTime, approvalTime],
    );
  }

  async figures(window: FigureWindow) {
    const range = [window.from, window.to];
    const [closedRows, [raised], [implemented], [approvals]] = await Promise.all([
      this.dataSource.query(FIGURE_QUERIES.closed, range) as Promise<
        Array<{ closeCode: string; count: number; lead: string }>
      >,
      this.dataSource.query(FIGURE_QUERIES.raised, range) as Promise<
        Array<{ raised: number; emergencies: number }>
      >,
      this.dataSource.query(FIGURE_QUERIES.implemented, range) as Promise<
        Array<{ lead: string | null }>
      >,
      this.dataSource.query(FIGURE_QUERIES.approvals, range) as Promise<
        Array<{ decided: number; mean: string | null }>
      >,
    ]);
    const closedByCloseCode = Object.fromEntries(
      CLOSE_CODES.map((code) => [
        code,
        closedRows.find((row) => row.closeCode === code)?.count ?? 0,
      ]),
    ) as Record<(typeof CLOSE_CODES)[number], number>;
    const closedCount = closedRows.reduce((sum, row) => sum + row.count, 0);
    const closeLead = closedRows.reduce((sum, row) => sum + Number(row.lead) * row.count, 0);
    return {
      from: window.from,
      to: window.to,
      closed: closedCount,
      closedByCloseCode,
      successRate: ratio(closedCount - closedByCloseCode.unsuccessful, closedCount),
      raised: raised!.raised,
      emergencyShare: ratio(raised!.emergencies, raised!.raised),
      meanLeadTimeToImplementSeconds: seconds(implemented!.lead),
      meanLeadTimeToCloseSeconds: closedCount === 0 ? null : Math.round(closeLead / closedCount),
      approvalsDecided: approvals!.decided,
      meanApprovalTimeSeconds: seconds(approvals!.mean),
    };
  }
}
