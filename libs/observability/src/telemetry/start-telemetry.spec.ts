import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTelemetry } from './start-telemetry';

describe('the telemetry a service starts', () => {
  it('redacts secret query parameters in span URLs before its exporters see them', async () => {
    const exporter = new InMemorySpanExporter();
    const processor = new SimpleSpanProcessor(exporter);
    const telemetry = startTelemetry({
      serviceName: 'test',
      spanProcessors: [processor],
      env: {},
    });
    try {
      trace
        .getTracer('test')
        .startSpan('FeedsController.ics', {
          attributes: { 'url.full': '/api/v1/calendar/feeds/f1.ics?token=s3cr3t' },
        })
        .end();
      // The export waits for the resource's detected attributes.
      await processor.forceFlush();
      const [span] = exporter.getFinishedSpans();
      expect(span!.attributes['url.full']).toBe('/api/v1/calendar/feeds/f1.ics?token=[REDACTED]');
    } finally {
      await telemetry.shutdown();
    }
  });
});
