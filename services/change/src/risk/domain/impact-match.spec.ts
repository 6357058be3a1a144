import { impactFor, isAssessing, sameCis } from './impact-match';

const A = '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const B = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

describe('impactFor', () => {
  const answer = { ciIds: [A, B], impactedServices: [] };

  it('takes an answer computed for the same CIs, in any order', () => {
    expect(impactFor(answer, [B, A])).toBe(answer);
    expect(sameCis([A], [A.toUpperCase()])).toBe(true);
  });

  it('ignores an answer for CIs the change no longer names, or no answer', () => {
    expect(impactFor(answer, [A])).toBeNull();
    expect(impactFor(answer, [A, B, A.replace('9', '8')])).toBeNull();
    expect(impactFor(null, [A])).toBeNull();
  });
});

describe('isAssessing', () => {
  it('follows the CIs in Assess and in Authorize until the board decided', () => {
    expect(isAssessing('assess', null)).toBe(true);
    expect(isAssessing('authorize', 'requested')).toBe(true);
    expect(isAssessing('authorize', 'approved')).toBe(false);
    expect(isAssessing('new', null)).toBe(false);
    expect(isAssessing('scheduled', 'approved')).toBe(false);
  });
});
