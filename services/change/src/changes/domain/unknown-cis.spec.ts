import { unknownCisBlocking } from './unknown-cis';

const KNOWN = '5f0c4b8e-1d2a-4c3b-9e8f-7a6b5c4d3e2f';
const UNKNOWN = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('a change naming CIs the CMDB does not know', () => {
  const change = (unknownCiIds?: string[], answeredFor = [KNOWN, UNKNOWN]) => ({
    affectedCiIds: [KNOWN, UNKNOWN],
    impact: { ciIds: answeredFor, ...(unknownCiIds && { unknownCiIds }) },
  });

  it.each(['assess', 'authorize', 'scheduled'] as const)(
    'may not move into %s while the answer for its CIs names unknown ones',
    (to) => {
      expect(unknownCisBlocking(change([UNKNOWN]), to)).toEqual([UNKNOWN]);
    },
  );

  it.each(['canceled', 'new', 'implement', 'review', 'closed'] as const)(
    'may still move into %s (canceling or sending back is how it is fixed)',
    (to) => {
      expect(unknownCisBlocking(change([UNKNOWN]), to)).toEqual([]);
    },
  );

  it('goes ahead when the CMDB knows every CI', () => {
    expect(unknownCisBlocking(change([]), 'assess')).toEqual([]);
  });

  it('goes ahead before the CMDB has answered', () => {
    expect(unknownCisBlocking({ affectedCiIds: [UNKNOWN], impact: null }, 'assess')).toEqual([]);
  });

  it('ignores an answer for other CIs than the change names now', () => {
    expect(unknownCisBlocking(change([UNKNOWN], [UNKNOWN]), 'assess')).toEqual([]);
  });

  it('takes an answer from before the CMDB named unknown CIs as naming none', () => {
    expect(unknownCisBlocking(change(), 'scheduled')).toEqual([]);
  });
});
