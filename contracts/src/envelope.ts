/**
 * CloudEvents 1.0 in binary mode on Kafka: the attributes travel as `ce_` headers, the data as the
 * JSON body, and W3C trace context as `traceparent` / `tracestate`. The key is the aggregate id.
 */
export interface EventEnvelope {
  id: string;
  /** `/itsm/<practice>`, the producing service. */
  source: string;
  type: string;
  /** ISO-8601 time at which the change happened. */
  time: string;
  /** The aggregate the event is about (its id). */
  subject: string;
  traceparent?: string;
  tracestate?: string;
}

export const CONTENT_TYPE = 'application/json';
const SPEC_VERSION = '1.0';

export function eventSource(practice: string): string {
  return `/itsm/${practice}`;
}

export function toKafkaHeaders(envelope: EventEnvelope): Record<string, string> {
  return {
    ce_specversion: SPEC_VERSION,
    ce_id: envelope.id,
    ce_source: envelope.source,
    ce_type: envelope.type,
    ce_time: envelope.time,
    ce_subject: envelope.subject,
    'content-type': CONTENT_TYPE,
    ...(envelope.traceparent ? { traceparent: envelope.traceparent } : {}),
    ...(envelope.tracestate ? { tracestate: envelope.tracestate } : {}),
  };
}

export type EnvelopeResult =
  { ok: true; envelope: EventEnvelope } | { ok: false; errors: string[] };

/** Reads the envelope from Kafka headers, naming every missing or malformed attribute. */
export function fromKafkaHeaders(headers: Record<string, string | undefined>): EnvelopeResult {
  const errors: string[] = [];
  const required = (name: string): string => {
    const value = headers[name];
    if (!value) errors.push(`header ${name} is missing`);
    return value ?? '';
  };
  const specversion = required('ce_specversion');
  if (specversion && specversion !== SPEC_VERSION)
    errors.push(`header ce_specversion must be ${SPEC_VERSION}, got ${specversion}`);
  const envelope: EventEnvelope = {
    id: required('ce_id'),
    source: required('ce_source'),
    type: required('ce_type'),
    time: required('ce_time'),
    subject: required('ce_subject'),
  };
  if (envelope.time && Number.isNaN(Date.parse(envelope.time)))
    errors.push(`header ce_time is not a timestamp: ${envelope.time}`);
  const contentType = headers['content-type'];
  if (contentType && !contentType.startsWith(CONTENT_TYPE))
    errors.push(`content-type must be ${CONTENT_TYPE}, got ${contentType}`);
  if (headers.traceparent) envelope.traceparent = headers.traceparent;
  if (headers.tracestate) envelope.tracestate = headers.tracestate;
  return errors.length ? { ok: false, errors } : { ok: true, envelope };
}
