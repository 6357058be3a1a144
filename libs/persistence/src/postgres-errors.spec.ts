import { QueryFailedError } from 'typeorm';
import { brokenUniqueConstraint, isConcurrencyFailure } from './postgres-errors';

const pgError = (code: string, constraint?: string) =>
  Object.assign(new Error(`SQLSTATE ${code}`), { code, ...(constraint && { constraint }) });

describe('PostgreSQL errors', () => {
  it('tells a lost concurrency race, however the error is wrapped', () => {
    for (const code of ['40P01', '40001', '55P03']) {
      expect(isConcurrencyFailure(pgError(code))).toBe(true);
      expect(isConcurrencyFailure(new QueryFailedError('UPDATE …', [], pgError(code)))).toBe(true);
      expect(isConcurrencyFailure(new Error('saving failed', { cause: pgError(code) }))).toBe(true);
    }
  });

  it('does not take other errors for one', () => {
    for (const error of [pgError('23505'), new Error('ECONNREFUSED'), undefined, 'text', {}]) {
      expect(isConcurrencyFailure(error)).toBe(false);
    }
    expect(isConcurrencyFailure(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(
      false,
    );
  });

  it('names the unique constraint a statement broke, and nothing else', () => {
    const broken = new QueryFailedError('INSERT …', [], pgError('23505', 'ci_name'));
    expect(brokenUniqueConstraint(broken)).toBe('ci_name');
    expect(brokenUniqueConstraint(new Error('x', { cause: broken }))).toBe('ci_name');
    expect(brokenUniqueConstraint(pgError('40P01'))).toBeUndefined();
  });
});
