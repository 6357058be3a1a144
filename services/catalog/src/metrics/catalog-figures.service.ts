import { Injectable, type OnModuleInit } from '@nestjs/common';
import { metrics } from '@opentelemetry/api';
import { DataSource } from 'typeorm';
import type { FigureWindow } from '@itsm/http';

const DAY = 24 * 3600 * 1000;
const seconds = (value: string | null) => (value === null ? null : Math.round(Number(value)));

/**
 * The catalog's figures of continual improvement over requested items opened in a window:
 * requested items by catalog item, time to fulfil, approval lead time (requested to decided) and
 * the delivery SLA's attainment (clocks achieved or breached).
 * Served by the API and, over the last 30 days, as Prometheus gauges.
 */
@Injectable()
export class CatalogFiguresService implements OnModuleInit {
  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    const meter = metrics.getMeter('@itsm/catalog');
    const byItem = meter.createObservableGauge('itsm_catalog_requested_items', {
      description: 'Requested items opened in the last 30 days, by catalog item',
    });
    const fulfil = meter.createObservableGauge('itsm_catalog_mean_time_to_fulfil_seconds', {
      description: 'Mean time from submission to fulfilment, items opened in the last 30 days',
      unit: 's',
    });
    const lead = meter.createObservableGauge('itsm_catalog_mean_approval_lead_time_seconds', {
      description: 'Mean time from approval requested to decided, last 30 days',
      unit: 's',
    });
    const waiting = meter.createObservableGauge('itsm_catalog_approvals_waiting', {
      description: 'Approvals waiting for a decision now',
    });
    const attainment = meter.createObservableGauge('itsm_catalog_delivery_sla_attainment_ratio', {
      description: 'Share of finished delivery clocks achieved, items opened in the last 30 days',
    });
    meter.addBatchObservableCallback(
      async (observer) => {
        const figures = await this.figures({
          from: new Date(Date.now() - 30 * DAY),
          to: new Date(),
        });
        for (const row of figures.requestsByItem) {
          observer.observe(byItem, row.requestedItems, { catalog_item: row.catalogItemName });
        }
        if (figures.meanTimeToFulfilSeconds !== null)
          observer.observe(fulfil, figures.meanTimeToFulfilSeconds);
        if (figures.approvals.meanLeadTimeSeconds !== null)
          observer.observe(lead, figures.approvals.meanLeadTimeSeconds);
        observer.observe(waiting, figures.approvals.waitingNow);
        if (figures.deliverySla.ratio !== null)
          observer.observe(attainment, figures.deliverySla.ratio);
      },
      [byItem, fulfil, lead, waiting, attainment],
    );
  }

  async figures(window: FigureWindow) {
    const range = [window.from, window.to];
    const [byItem, [fulfilment], [approvals], [sla]] = await Promise.all([
      this.dataSource.query(
        `SELECT catalog_item_id AS "catalogItemId", min(catalog_item_name) AS "catalogItemName",
                count(*)::int AS "requestedItems", sum(quantity)::int AS quantity
           FROM requested_items WHERE opened_at >= $1 AND opened_at < $2
          GROUP BY catalog_item_id ORDER BY 3 DESC, 2`,
        range,
      ) as Promise<
        Array<{
          catalogItemId: string;
          catalogItemName: string;
          requestedItems: number;
          quantity: number;
        }>
      >,
      this.dataSource.query(
        `SELECT count(*) FILTER (WHERE state = 'fulfilled')::int AS fulfilled,
                avg(extract(epoch FROM closed_at - opened_at)) FILTER (WHERE state = 'fulfilled') AS mean
           FROM requested_items WHERE opened_at >= $1 AND opened_at < $2`,
        range,
      ) as Promise<Array<{ fulfilled: number; mean: string | null }>>,
      this.dataSource.query(
        `SELECT count(*) FILTER (WHERE state = 'approved')::int AS approved,
                count(*) FILTER (WHERE state = 'rejected')::int AS rejected,
                avg(extract(epoch FROM decided_at - requested_at))
                  FILTER (WHERE state IN ('approved', 'rejected')) AS mean,
                (SELECT count(*)::int FROM requested_item_approvals WHERE state = 'requested') AS waiting
           FROM requested_item_approvals WHERE requested_at >= $1 AND requested_at < $2`,
        range,
      ) as Promise<
        Array<{ approved: number; rejected: number; mean: string | null; waiting: number }>
      >,
      this.dataSource.query(
        `SELECT count(*) FILTER (WHERE s.stage = 'achieved')::int AS achieved,
                count(*) FILTER (WHERE s.stage = 'breached')::int AS breached
           FROM requested_item_slas s JOIN requested_items i ON i.id = s.requested_item_id
          WHERE i.opened_at >= $1 AND i.opened_at < $2`,
        range,
      ) as Promise<Array<{ achieved: number; breached: number }>>,
    ]);
    const finished = sla!.achieved + sla!.breached;
    return {
      from: window.from,
      to: window.to,
      requestsByItem: byItem,
      fulfilled: fulfilment!.fulfilled,
      meanTimeToFulfilSeconds: seconds(fulfilment!.mean),
      approvals: {
        approved: approvals!.approved,
        rejected: approvals!.rejected,
        meanLeadTimeSeconds: seconds(approvals!.mean),
        waitingNow: approvals!.waiting,
      },
      deliverySla: { ...sla!, ratio: finished === 0 ? null : sla!.achieved / finished },
    };
  }
}

export type CatalogFigures = Awaited<ReturnType<CatalogFiguresService['figures']>>;
