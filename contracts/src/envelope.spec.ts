import { eventSource, fromKafkaHeaders, toKafkaHeaders } from './envelope';

describe('the CloudEvents envelope on Kafka', () => {
  const envelope = {
    id: '1b4e28ba-2fa1-4d2c-883f-0016d3cca427',
    source: eventSource('incident'),
    type: 'itsm.incident.incident.created.v1',
    time: '2026-11-27T09:14:03.000Z',
    subject: '0b6f8f8e-4c1e-4b8e-9a51-3f1c2d9e7a10',
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  };

  it('writes binary-mode ce_ headers and reads them back', () => {
    const headers = toKafkaHeaders(envelope);
    expect(headers).toEqual({
      ce_specversion: '1.0',
      ce_id: envelope.id,
      ce_source: '/itsm/incident',
      ce_type: envelope.type,
      ce_time: envelope.time,
      ce_subject: envelope.subject,
      'content-type': 'application/json',
      traceparent: envelope.traceparent,
    });
    expect(fromKafkaHeaders(headers)).toEqual({ ok: true, envelope });
  });

  it('names every missing or malformed attribute', () => {
    expect(
      fromKafkaHeaders({ ce_specversion: '0.3', ce_time: 'soon', 'content-type': 'text/plain' }),
    ).toEqual({
      ok: false,
      errors: [
        'header ce_specversion must be 1.0, got 0.3',
        'header ce_id is missing',
        'header ce_source is missing',
        'header ce_type is missing',
        'header ce_subject is missing',
        'header ce_time is not a timestamp: soon',
        'content-type must be application/json, got text/plain',
      ],
    });
  });
});
