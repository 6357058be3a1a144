import { QueryFailedError } from 'typeorm';
import { databaseUnavailable, isDatabaseUnavailable } from './database-unavailable';

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P02', 'terminating connection due to crash of another server process'],
    ['57P03', 'the database system is shutting down'],
    ['08006', 'connection failure'],
    ['08001', 'could not establish connection'],
    ['53300', 'sorry, too many clients already'],
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'],
    ['ECONNRESET', 'read ECONNRESET'],
  ])('calls the database unavailable on %s (%s)', (code, message) => {
    expect(isDatabaseUnavailable(pgError(code, message))).toBe(true);
  });

  it("sees the driver's error inside TypeORM's QueryFailedError", () => {
    const error = new QueryFailedError(
      'SELECT 1',
      [],
      pgError('57P03', 'the database system is shutting down'),
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('sees a refused connection behind a cause or inside an AggregateError', () => {
    const refused = pgError('ECONNREFUSED', 'connect ECONNREFUSED ::1:5432');
    expect(isDatabaseUnavailable(new Error('could not connect', { cause: refused }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([refused], ''))).toBe(true);
  });

  it("recognises node-postgres' connection errors, which have no code", () => {
    for (const message of [
      'Connection terminated unexpectedly',
      'Connection terminated due to connection timeout',
      'timeout exceeded when trying to connect',
      'Client has encountered a connection error and is not queryable',
    ])
      expect(isDatabaseUnavailable(new Error(message))).toBe(true);
  });

  it('leaves a query the database refused to the other answers', () => {
    expect(isDatabaseUnavailable(pgError('23505', 'duplicate key value'))).toBe(false);
    expect(isDatabaseUnavailable(pgError('40001', 'could not serialize access'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('something else'))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });

  it('ends on an error that wraps itself', () => {
    const error: Error & { cause?: unknown } = new Error('loop');
    error.cause = error;
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('databaseUnavailable', () => {
  it('is a 503 problem with a stable type', () => {
    expect(databaseUnavailable().problem).toMatchObject({
      status: 503,
      type: 'https://itsm.dev/problems/database-unavailable',
      title: 'The database is unavailable',
    });
  });
});
