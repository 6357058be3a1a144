import type { ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ProblemDetailsFilter } from './problem-details.filter';

/** What the filter answered: status, headers and body, as Fastify's reply received them. */
function answer(exception: unknown) {
  const sent = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    send(body: unknown) {
      sent.body = body;
      return reply;
    },
  };
  const request = { method: 'PATCH', url: '/api/v1/incidents/1?token=secret' };
  const host = {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return sent;
}

const postgresError = (code: string, message: string) =>
  new QueryFailedError('UPDATE incidents …', [], Object.assign(new Error(message), { code }));

describe('ProblemDetailsFilter', () => {
  it.each([
    ['40P01', 'deadlock detected'],
    ['40001', 'could not serialize access due to concurrent update'],
    ['55P03', 'could not obtain lock on row in relation "incidents"'],
  ])(
    'answers a transaction that lost to another (%s) with 503 busy and Retry-After, not a 500',
    (code, message) => {
      const sent = answer(postgresError(code, message));
      expect(sent.status).toBe(503);
      expect(sent.headers['retry-after']).toBe('1');
      expect(sent.body).toMatchObject({
        type: 'https://itsm.dev/problems/busy',
        status: 503,
        instance: '/api/v1/incidents/1',
      });
      expect(JSON.stringify(sent.body)).not.toContain(message);
    },
  );

  it('answers a database that cannot be reached with 503 and its longer Retry-After', () => {
    const sent = answer(
      postgresError('57P01', 'terminating connection due to administrator command'),
    );
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe('5');
    expect(sent.body).toMatchObject({ type: 'https://itsm.dev/problems/database-unavailable' });
  });

  it('answers any other database error as a 500 that tells nothing of it', () => {
    const sent = answer(postgresError('42P01', 'relation "incidents" does not exist'));
    expect(sent.status).toBe(500);
    expect(sent.headers['retry-after']).toBeUndefined();
    expect(JSON.stringify(sent.body)).not.toContain('relation');
  });
});
