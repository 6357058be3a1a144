import { metrics } from '@opentelemetry/api';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';

/** Reads the metrics as a `/metrics` scrape would, on demand. */
class ScrapeReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}

  async points(name: string): Promise<Array<{ attributes: object; value: unknown }>> {
    const { resourceMetrics } = await this.collect();
    const metric = resourceMetrics.scopeMetrics
      .flatMap((scope) => scope.metrics)
      .find((candidate) => candidate.descriptor.name === name);
    return (metric?.dataPoints ?? []).map(({ attributes, value }) => ({ attributes, value }));
  }
}

// The meters come from the global provider when the modules load: register ours first.
const scrape = new ScrapeReader();
metrics.setGlobalMeterProvider(new MeterProvider({ readers: [scrape] }));

describe('the readiness metrics', () => {
  it('say whether the last probe found the service ready, and which check was down', async () => {
    const { recordReadiness } = await import('./health/readiness-metrics.js');
    recordReadiness({
      status: 'not_ready',
      checks: { database: { status: 'down', detail: 'refused' }, kafka: { status: 'up' } },
    });
    expect(await scrape.points('itsm_ready')).toEqual([{ attributes: {}, value: 0 }]);
    expect(await scrape.points('itsm_readiness_check_up')).toEqual([
      { attributes: { check: 'database' }, value: 0 },
      { attributes: { check: 'kafka' }, value: 1 },
    ]);
  });
});

describe('the recurring job metrics', () => {
  it("keep each job's last success and count its failures", async () => {
    const { recurringJobMetrics } = await import('./timers/recurring-job-metrics.js');
    recurringJobMetrics.succeeded('SlaTimer', new Date('2026-01-05T08:00:00Z'));
    recurringJobMetrics.failed('SlaTimer');
    recurringJobMetrics.failed('SlaTimer');
    expect(await scrape.points('itsm_recurring_job_last_success_timestamp_seconds')).toEqual([
      { attributes: { timer: 'SlaTimer' }, value: Date.parse('2026-01-05T08:00:00Z') / 1000 },
    ]);
    expect(await scrape.points('itsm_recurring_job_failures_total')).toEqual([
      { attributes: { timer: 'SlaTimer' }, value: 2 },
    ]);
  });
});
