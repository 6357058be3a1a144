import { knownErrorRefusal, missingDocumentation, publishesKnownError } from './known-error-rule';

const documented = { cause: 'Pool leaks on timeout', workaround: 'Restart the pool' };

describe('the known-error rule', () => {
  it('publishes a known error once the cause is analysed and until the fix is in', () => {
    for (const state of ['root_cause_analysis', 'fix_in_progress'] as const) {
      expect(knownErrorRefusal(state, documented)).toBeUndefined();
    }
    for (const state of ['new', 'assess', 'resolved', 'closed'] as const) {
      expect(knownErrorRefusal(state, documented)).toEqual({
        kind: 'state',
        state,
        allowed: ['root_cause_analysis', 'fix_in_progress'],
      });
    }
  });

  it('needs a documented root cause and a workaround, naming each one missing', () => {
    expect(knownErrorRefusal('root_cause_analysis', { cause: null, workaround: ' ' })).toEqual({
      kind: 'invalid',
      errors: [
        expect.objectContaining({ field: 'cause' }),
        expect.objectContaining({ field: 'workaround' }),
      ],
    });
    expect(missingDocumentation({ ...documented, workaround: '' })).toEqual([
      expect.objectContaining({ field: 'workaround' }),
    ]);
  });

  it('publishes again only when a known error changes what agents apply', () => {
    const before = { knownError: false, ...documented };
    const known = { ...before, knownError: true };
    expect(publishesKnownError(before, known)).toBe(true);
    expect(publishesKnownError(known, known)).toBe(false);
    expect(publishesKnownError(known, { ...known, workaround: 'Fail over to the replica' })).toBe(
      true,
    );
    expect(publishesKnownError(known, { ...known, cause: 'Driver bug' })).toBe(true);
    expect(publishesKnownError(before, { ...before, workaround: 'Reboot' })).toBe(false);
  });
});
