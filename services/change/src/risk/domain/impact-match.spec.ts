import { impactFor, isAssessing, sameCis, sameImpact } from './impact-match';

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

describe('sameImpact', () => {
  const service = { id: A, name: 'Payroll', criticality: 1, depth: 1 };
  const kept = { ciIds: [A, B], impactedServices: [service], impactedCiCount: 1, unknownCiIds: [] };

  it('takes an answer telling the same as news to nobody, whatever the order of its lists', () => {
    expect(sameImpact(kept, { ...kept, ciIds: [B, A] })).toBe(true);
    const two = { ...kept, impactedServices: [service, { ...service, id: B }], impactedCiCount: 2 };
    expect(
      sameImpact(two, { ...two, impactedServices: [{ ...service, id: B }, { ...service }] }),
    ).toBe(true);
  });

  it('sees a service, a criticality, a depth, a count or an unknown CI that changed', () => {
    expect(sameImpact(kept, { ...kept, impactedServices: [] })).toBe(false);
    expect(sameImpact(kept, { ...kept, impactedServices: [{ ...service, criticality: 2 }] })).toBe(
      false,
    );
    const deeper = { ...service, depth: 2 };
    expect(sameImpact(kept, { ...kept, impactedServices: [deeper] })).toBe(false);
    expect(sameImpact(kept, { ...kept, impactedCiCount: 3 })).toBe(false);
    expect(sameImpact(kept, { ...kept, unknownCiIds: [B] })).toBe(false);
    expect(sameImpact(kept, { ...kept, ciIds: [A] })).toBe(false);
  });

  it('takes the first answer, and one saying which CIs are unknown after one that did not, as news', () => {
    expect(sameImpact(null, kept)).toBe(false);
    const older = { ciIds: [A, B], impactedServices: [service], impactedCiCount: 1 };
    expect(sameImpact(older, kept)).toBe(false);
  });
});
