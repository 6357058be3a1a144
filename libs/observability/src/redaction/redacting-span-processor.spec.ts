import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { REDACTED } from './redact-url';
import { RedactingSpanProcessor } from './redacting-span-processor';

describe('the span processor redacting URLs', () => {
  it('replaces secret query parameters in URL attributes before the exporter sees the span', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [new RedactingSpanProcessor(), new SimpleSpanProcessor(exporter)],
    });
    provider
      .getTracer('test')
      .startSpan('GET', {
        attributes: {
          'url.full': 'http://127.0.0.1:3002/api/v1/calendar/feeds/f1.ics?token=s3cr3t',
          'url.query': 'token=s3cr3t&x=1',
          'http.target': '/f1.ics?access_token=abc',
          'url.path': '/api/v1/calendar/feeds/f1.ics',
        },
      })
      .end();
    await provider.forceFlush();
    const [span] = exporter.getFinishedSpans();
    expect(span!.attributes).toEqual({
      'url.full': `http://127.0.0.1:3002/api/v1/calendar/feeds/f1.ics?token=${REDACTED}`,
      'url.query': `token=${REDACTED}&x=1`,
      'http.target': `/f1.ics?access_token=${REDACTED}`,
      'url.path': '/api/v1/calendar/feeds/f1.ics',
    });
    expect(JSON.stringify(span!.attributes)).not.toContain('s3cr3t');
    await provider.shutdown();
  });
});
