import { createKafka } from '@itsm/messaging';
import { MessagingPipeline, startDisposableKafka } from '@itsm/testing';

jest.setTimeout(240_000);

/** A broker of the test's own, killed without warning in the middle of a stream and started again. */
describe('a Kafka broker crash in the middle of a stream', () => {
  let kafka: Awaited<ReturnType<typeof startDisposableKafka>>;
  let pipeline: MessagingPipeline;

  beforeAll(async () => {
    kafka = await startDisposableKafka();
    pipeline = new MessagingPipeline(
      createKafka({ brokers: [kafka.broker.bootstrapServer], clientId: 'restart-test' }),
    );
    await pipeline.setUp();
    await pipeline.startRelay();
    await pipeline.startConsumer();
  });

  afterAll(async () => {
    await pipeline?.tearDown();
    await kafka?.destroy();
  });

  it('loses nothing and applies nothing twice', async () => {
    const aggregate = pipeline.newAggregate();
    const versions = Array.from({ length: 120 }, (_, index) => index + 1);
    await pipeline.publishUpdates(aggregate, versions.slice(0, 40));
    await pipeline.waitForApplied(10);

    kafka.broker.kill();
    await pipeline.publishUpdates(aggregate, versions.slice(40, 80));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await kafka.broker.start();
    await pipeline.publishUpdates(aggregate, versions.slice(80));

    await pipeline.waitForApplied(120, 150_000);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // room for a late duplicate to show
    const applied = await pipeline.applied();
    expect(applied.map((row) => row.version)).toEqual(versions);
    expect(new Set(applied.map((row) => row.event_id)).size).toBe(120);
    expect(await pipeline.unpublishedCount()).toBe(0);
  });
});
