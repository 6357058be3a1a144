import { metrics } from '@opentelemetry/api';
import type { ReadinessReport } from './readiness';

const meter = metrics.getMeter('@itsm/runtime');
let last: ReadinessReport | undefined;

meter
  .createObservableGauge('itsm_ready', {
    description: '1 when the last readiness probe found the service ready, 0 when it did not',
  })
  .addCallback((result) => {
    if (last) result.observe(last.status === 'ready' ? 1 : 0);
  });

meter
  .createObservableGauge('itsm_readiness_check_up', {
    description: 'Each dependency of the last readiness probe: 1 up, 0 down',
  })
  .addCallback((result) => {
    for (const [check, { status }] of Object.entries(last?.checks ?? {}))
      result.observe(status === 'up' ? 1 : 0, { check });
  });

/** Keeps the answer of the latest probe for the metrics, so that an alert can say what is down. */
export function recordReadiness(report: ReadinessReport): void {
  last = report;
}
