import { metrics } from '@opentelemetry/api';

const meter = metrics.getMeter('@itsm/runtime');
const lastSuccess = new Map<string, number>();

meter
  .createObservableGauge('itsm_recurring_job_last_success_timestamp_seconds', {
    description: 'When each recurring job (SLA timer, auto-close, …) last finished a run',
    unit: 's',
  })
  .addCallback((result) => {
    for (const [timer, seconds] of lastSuccess) result.observe(seconds, { timer });
  });

const failures = meter.createCounter('itsm_recurring_job_failures_total', {
  description: 'Runs of a recurring job that failed and were retried',
});

/** What a stalled timer looks like from outside: a last success that grows old, failures that grow. */
export const recurringJobMetrics = {
  succeeded(timer: string, at: Date): void {
    lastSuccess.set(timer, at.getTime() / 1000);
  },
  failed(timer: string): void {
    failures.add(1, { timer });
  },
};
