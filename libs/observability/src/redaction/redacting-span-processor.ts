import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { redactQuery, redactUrl } from './redact-url';

/** The span attributes that hold a request's URL or query, in the stable and the old conventions. */
const URL_ATTRIBUTES = ['url.full', 'http.url', 'http.target'];
const QUERY_ATTRIBUTES = ['url.query'];

/**
 * Replaces secret query parameters (a calendar feed's `token`…) and user names and passwords in
 * the URL attributes of every span as it starts, before any exporter sees it. One place for every instrumentation: the HTTP
 * instrumentation records `url.query`, the Nest instrumentation `url.full` (it has no hook).
 */
export class RedactingSpanProcessor implements SpanProcessor {
  onStart(span: Span, _parentContext: Context): void {
    for (const key of URL_ATTRIBUTES) {
      const value = span.attributes[key];
      if (typeof value === 'string') span.setAttribute(key, redactUrl(value));
    }
    for (const key of QUERY_ATTRIBUTES) {
      const value = span.attributes[key];
      if (typeof value === 'string') span.setAttribute(key, redactQuery(value));
    }
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
