import { deadLetterHeaders } from './dead-letters';

const place = { topic: 'itsm.incident.v1', partition: 2, offset: '41', subscription: 'default' };

describe('deadLetterHeaders', () => {
  it('says why the event failed, how often, and where it was read', () => {
    expect(
      deadLetterHeaders({
        ...place,
        reason: 'exhausted',
        error: 'the database is busy',
        attempts: 5,
        failedAt: new Date('2026-11-27T09:20:00.000Z'),
      }),
    ).toEqual({
      dlq_reason: 'exhausted',
      dlq_error: 'the database is busy',
      dlq_attempts: '5',
      dlq_topic: 'itsm.incident.v1',
      dlq_partition: '2',
      dlq_offset: '41',
      dlq_subscription: 'default',
      dlq_failed_at: '2026-11-27T09:20:00.000Z',
    });
  });

  it('keeps the first 2000 characters of a long error', () => {
    const headers = deadLetterHeaders({
      ...place,
      reason: 'invalid',
      error: 'x'.repeat(5000),
      attempts: 0,
      failedAt: new Date(),
    });
    expect(headers.dlq_error).toHaveLength(2000);
  });
});
