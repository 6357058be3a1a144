import {
  allowedNextStates,
  isOpen,
  STATE_CODES,
  transitionRefusal,
  type ProblemState,
} from './problem-states';

const documented = (state: ProblemState) => ({ state, cause: 'Pool leak on timeout' });

describe('the problem state model', () => {
  it("uses ServiceNow's state codes", () => {
    expect(STATE_CODES).toEqual({
      new: 101,
      assess: 102,
      root_cause_analysis: 103,
      fix_in_progress: 104,
      resolved: 106,
      closed: 107,
    });
  });

  it('allows the moves of DOMAIN.md and nothing else', () => {
    const moves: Record<ProblemState, ProblemState[]> = {
      new: ['assess', 'closed'],
      assess: ['root_cause_analysis', 'closed'],
      root_cause_analysis: ['fix_in_progress', 'closed'],
      fix_in_progress: ['resolved', 'closed'],
      resolved: ['closed'],
      closed: [],
    };
    for (const [from, allowed] of Object.entries(moves) as Array<[ProblemState, ProblemState[]]>) {
      expect([...allowedNextStates(from)].sort()).toEqual([...allowed].sort());
    }
  });

  it('counts the four states before resolution as open', () => {
    expect((Object.keys(STATE_CODES) as ProblemState[]).filter((state) => isOpen(state))).toEqual([
      'new',
      'assess',
      'root_cause_analysis',
      'fix_in_progress',
    ]);
  });

  it('names the current state and the allowed ones for an illegal move', () => {
    expect(transitionRefusal(documented('new'), { to: 'fix_in_progress' })).toEqual({
      kind: 'illegal',
      from: 'new',
      to: 'fix_in_progress',
      allowed: ['assess', 'closed'],
    });
    expect(transitionRefusal(documented('closed'), { to: 'assess' })).toMatchObject({
      kind: 'illegal',
      allowed: [],
    });
  });

  it('fixes only a problem whose root cause is documented', () => {
    expect(
      transitionRefusal({ state: 'root_cause_analysis', cause: '  ' }, { to: 'fix_in_progress' }),
    ).toEqual({ kind: 'invalid', errors: [expect.objectContaining({ field: 'cause' })] });
    expect(
      transitionRefusal(documented('root_cause_analysis'), { to: 'fix_in_progress' }),
    ).toBeUndefined();
  });

  it('needs a resolution code and notes to resolve, naming the codes', () => {
    expect(
      transitionRefusal(documented('fix_in_progress'), { to: 'resolved', resolutionCode: 'done' }),
    ).toEqual({
      kind: 'invalid',
      errors: [
        {
          field: 'resolutionCode',
          message: expect.any(String),
          allowed: ['fix_applied', 'risk_accepted', 'duplicate', 'canceled'],
        },
        expect.objectContaining({ field: 'resolutionNotes' }),
      ],
    });
    expect(
      transitionRefusal(documented('fix_in_progress'), {
        to: 'resolved',
        resolutionCode: 'fix_applied',
        resolutionNotes: 'Pool patched',
      }),
    ).toBeUndefined();
  });

  it('closes any open problem with a resolution code, and a resolved one without', () => {
    for (const state of ['new', 'assess', 'root_cause_analysis', 'fix_in_progress'] as const) {
      expect(transitionRefusal(documented(state), { to: 'closed' })).toMatchObject({
        kind: 'invalid',
      });
      expect(
        transitionRefusal(documented(state), {
          to: 'closed',
          resolutionCode: 'duplicate',
          resolutionNotes: 'Same as PRB0000007',
        }),
      ).toBeUndefined();
    }
    expect(transitionRefusal(documented('resolved'), { to: 'closed' })).toBeUndefined();
  });
});
