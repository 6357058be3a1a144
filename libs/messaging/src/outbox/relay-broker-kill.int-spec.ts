import { metrics } from '@opentelemetry/api';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import type { MessagingPipeline } from '@itsm/testing';
import type { OutboxRelay } from './outbox-relay';

jest.setTimeout(60_000);

/** Reads the gauges as a `/metrics` scrape would, on demand. */
class ScrapeReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}

  async gauge(name: string, relay: string): Promise<number | undefined> {
    const { resourceMetrics } = await this.collect();
    const metric = resourceMetrics.scopeMetrics
      .flatMap((scope) => scope.metrics)
      .find((candidate) => candidate.descriptor.name === name);
    const point = metric?.dataPoints.find((candidate) => candidate.attributes.relay === relay);
    return point?.value as number | undefined;
  }
}

// @itsm/messaging takes its meter from the global provider when it loads: register ours first,
// and load the library (and @itsm/testing, which loads it) only afterwards.
const scrape = new ScrapeReader();
metrics.setGlobalMeterProvider(new MeterProvider({ readers: [scrape] }));

/** A broker of the test's own, killed with SIGKILL (no controlled shutdown) and started again. */
describe('the outbox relay while its broker is killed and started again', () => {
  let testing: typeof import('@itsm/testing');
  let kafka: Awaited<ReturnType<(typeof import('@itsm/testing'))['startDisposableKafka']>>;
  let pipeline: MessagingPipeline;
  let relay: OutboxRelay;
  let name: string;

  const allSent = (what: string, timeoutMs: number) =>
    testing.waitUntil(what, async () => (await pipeline.unpublishedCount()) === 0, timeoutMs, 100);

  beforeAll(async () => {
    testing = await import('@itsm/testing');
    const { createKafka } = await import('../kafka-client.js');
    const { OutboxRelay } = await import('./outbox-relay.js');
    kafka = await testing.startDisposableKafka();
    const client = () =>
      createKafka({ brokers: [kafka.broker.bootstrapServer], clientId: 'relay-kill-test' });
    pipeline = new testing.MessagingPipeline(client());
    await pipeline.setUp();
    name = `kill-${pipeline.run}`;
    relay = new OutboxRelay({
      dataSource: pipeline.producer.dataSource,
      kafka: client(),
      name,
      pollIntervalMs: 200,
      // The production default: noticing the crash must not take the whole send timeout.
      sendTimeoutMs: 30_000,
    });
    await relay.start();
  });

  afterAll(async () => {
    await relay?.stop();
    await pipeline?.tearDown();
    await kafka?.destroy();
  });

  it('measures the backlog and its oldest age from the outbox table while the broker is down', async () => {
    const aggregate = pipeline.newAggregate();
    await pipeline.publishUpdates(aggregate, [1, 2]);
    await allSent('the first events sent', 20_000);
    expect(await scrape.gauge('itsm_outbox_backlog', name)).toBe(0);

    kafka.broker.kill();
    await pipeline.publishUpdates(aggregate, [3, 4, 5, 6]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await scrape.gauge('itsm_outbox_backlog', name)).toBe(4);
    expect(await scrape.gauge('itsm_outbox_oldest_age_seconds', name)).toBeGreaterThanOrEqual(1);

    await kafka.broker.start();
    await allSent('the backlog sent after the broker is back', 30_000);
    expect(await scrape.gauge('itsm_outbox_backlog', name)).toBe(0);
  });

  it('resumes delivery within a few seconds of the broker coming back', async () => {
    await kafka.broker.start(); // in case a failed test before left it down
    const aggregate = pipeline.newAggregate();
    await pipeline.publishUpdates(aggregate, [1, 2, 3]);
    await allSent('the first events sent', 20_000);

    kafka.broker.kill();
    await pipeline.publishUpdates(aggregate, [4, 5, 6]);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await kafka.broker.start();
    const back = Date.now();

    await allSent('the events written while the broker was down', 30_000);
    const resumedAfterMs = Date.now() - back;
    process.stdout.write(`delivery resumed ${resumedAfterMs} ms after the broker was back\n`);
    expect(resumedAfterMs).toBeLessThan(5000);
  });
});
