import { CHANGE_STATES } from '@itsm/contracts';
import { withdrawal } from './withdrawal';

describe('withdrawing the standard change of a cancelled catalog item', () => {
  it('cancels it before Implement, naming the item', () => {
    for (const state of ['new', 'assess', 'authorize', 'scheduled'] as const) {
      expect(withdrawal(state, 'RITM0000007')).toEqual({
        kind: 'cancel',
        request: { to: 'canceled', reason: 'RITM0000007 was cancelled in the catalog' },
      });
    }
  });

  it('leaves one in Implement or later to its change manager, and one canceled as it is', () => {
    expect(withdrawal('canceled', 'RITM0000007')).toEqual({ kind: 'done' });
    for (const state of CHANGE_STATES.filter(
      (s) => !['new', 'assess', 'authorize', 'scheduled', 'canceled'].includes(s),
    )) {
      expect(withdrawal(state, 'RITM0000007')).toEqual({ kind: 'left', state });
    }
  });
});
