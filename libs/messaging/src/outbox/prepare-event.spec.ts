import { ciCreated, incidentUpdated } from '@itsm/contracts';
import { trace } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { prepareEvent } from './prepare-event';

const incident = { practice: 'incident', topicPrefix: '' } as const;
const aggregateId = incidentUpdated.example.id;
const data = incidentUpdated.example;

describe('prepareEvent: what the outbox stores for an event', () => {
  beforeAll(() => new NodeTracerProvider().register());

  it('keys the event by its aggregate, so one record’s events stay in order', () => {
    const entry = prepareEvent(incident, incidentUpdated, { aggregateId, data });
    expect(entry).toMatchObject({
      aggregateType: 'incident',
      aggregateId,
      eventType: incidentUpdated.type,
      topic: incidentUpdated.topic,
      payload: data,
    });
  });

  it('gives each event a new id, carried in the ce_id header for deduplication', () => {
    const first = prepareEvent(incident, incidentUpdated, { aggregateId, data });
    const second = prepareEvent(incident, incidentUpdated, { aggregateId, data });
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.id).not.toBe(first.id);
    expect(first.headers.ce_id).toBe(first.id);
  });

  it('keeps an id the caller derived from its own idempotency key', () => {
    const id = '6a2f0c1e-8d4b-4f7a-9c3e-2b1d0e9f8a7c';
    const entry = prepareEvent(incident, incidentUpdated, { aggregateId, data, id });
    expect(entry.id).toBe(id);
    expect(entry.headers.ce_id).toBe(id);
  });

  it('writes the CloudEvents headers: source, type, subject and time of the change', () => {
    const time = new Date('2026-11-27T09:20:00.000Z');
    const entry = prepareEvent(incident, incidentUpdated, { aggregateId, data, time });
    expect(entry.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: entry.id,
      ce_source: '/itsm/incident',
      ce_type: incidentUpdated.type,
      ce_time: '2026-11-27T09:20:00.000Z',
      ce_subject: aggregateId,
      'content-type': 'application/json',
    });
  });

  it('stamps the time of preparation when the caller gives none', () => {
    const before = Date.now();
    const entry = prepareEvent(incident, incidentUpdated, { aggregateId, data });
    const stamped = Date.parse(entry.headers.ce_time!);
    expect(stamped).toBeGreaterThanOrEqual(before);
    expect(stamped).toBeLessThanOrEqual(Date.now());
  });

  it('stores the active trace context, so the relay continues the trace of the change', () => {
    const { entry, span } = trace
      .getTracer('spec')
      .startActiveSpan('PATCH /incidents/:id', (span) => {
        const entry = prepareEvent(incident, incidentUpdated, { aggregateId, data });
        span.end();
        return { entry, span };
      });
    const { traceId, spanId } = span.spanContext();
    expect(entry.headers.traceparent).toBe(`00-${traceId}-${spanId}-01`);
  });

  it('stores no trace context outside a trace', () => {
    const entry = prepareEvent(incident, incidentUpdated, { aggregateId, data });
    expect(entry.headers).not.toHaveProperty('traceparent');
  });

  it('puts the topic prefix of the environment before the topic', () => {
    const entry = prepareEvent({ practice: 'incident', topicPrefix: 'staging.' }, incidentUpdated, {
      aggregateId,
      data,
    });
    expect(entry.topic).toBe(`staging.${incidentUpdated.topic}`);
  });

  it('refuses an event of another practice', () => {
    expect(() =>
      prepareEvent(incident, ciCreated, { aggregateId, data: ciCreated.example }),
    ).toThrow(`The incident service cannot publish ${ciCreated.type}: it belongs to configuration`);
  });

  it('refuses data that breaks the event’s schema', () => {
    expect(() =>
      prepareEvent(incident, incidentUpdated, {
        aggregateId,
        data: { ...data, version: 'three' } as never,
      }),
    ).toThrow(incidentUpdated.type);
  });
});
