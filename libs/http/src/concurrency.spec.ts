import { expectedVersion } from './concurrency';
import type { ProblemException } from './problem';

const refusal = (ifMatch: string | undefined, bodyVersion: number | undefined) => {
  try {
    expectedVersion(ifMatch, bodyVersion);
  } catch (error) {
    return (error as ProblemException).problem;
  }
  throw new Error('expected a refusal');
};

describe('the version a change is based on', () => {
  it('is the If-Match ETag, weak or strong, or else the body version', () => {
    expect(expectedVersion('W/"3"', undefined)).toBe(3);
    expect(expectedVersion('"4"', undefined)).toBe(4);
    expect(expectedVersion(undefined, 5)).toBe(5);
  });

  it('accepts both when they agree', () => {
    expect(expectedVersion('W/"3"', 3)).toBe(3);
  });

  it('refuses a body version that disagrees with If-Match, naming the field', () => {
    expect(refusal('W/"3"', 2)).toMatchObject({
      status: 400,
      errors: [{ field: 'version', message: expect.stringContaining('W/"3"') }],
    });
  });

  it('refuses an ETag this API did not issue, and a change that names no version', () => {
    expect(refusal('"abc"', undefined)).toMatchObject({
      status: 400,
      errors: [{ field: 'If-Match' }],
    });
    expect(refusal(undefined, undefined)).toMatchObject({ status: 428 });
  });
});
