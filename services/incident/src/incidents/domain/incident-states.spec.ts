import { allowedNextStates, transitionRefusal, type IncidentState } from './incident-states';

describe('the incident state model', () => {
  it('allows the moves of DOMAIN.md and nothing else', () => {
    const moves: Record<IncidentState, IncidentState[]> = {
      new: ['in_progress', 'on_hold', 'resolved', 'canceled'],
      in_progress: ['on_hold', 'resolved', 'canceled'],
      on_hold: ['in_progress', 'resolved', 'canceled'],
      resolved: ['in_progress', 'closed'],
      closed: [],
      canceled: [],
    };
    for (const [from, allowed] of Object.entries(moves) as Array<
      [IncidentState, IncidentState[]]
    >) {
      expect([...allowedNextStates(from)].sort()).toEqual([...allowed].sort());
    }
  });

  it('names the current state and the allowed ones for an illegal move', () => {
    expect(transitionRefusal('closed', { to: 'in_progress' })).toEqual({
      kind: 'illegal',
      from: 'closed',
      to: 'in_progress',
      allowed: [],
    });
    expect(transitionRefusal('new', { to: 'closed' })).toMatchObject({
      kind: 'illegal',
      allowed: ['in_progress', 'on_hold', 'resolved', 'canceled'],
    });
  });

  it('needs a known reason to put an incident on hold', () => {
    expect(transitionRefusal('in_progress', { to: 'on_hold' })).toEqual({
      kind: 'invalid',
      errors: [
        expect.objectContaining({
          field: 'onHoldReason',
          allowed: expect.arrayContaining(['awaiting_vendor']),
        }),
      ],
    });
    expect(
      transitionRefusal('in_progress', { to: 'on_hold', onHoldReason: 'lunch' }),
    ).toMatchObject({ kind: 'invalid' });
    expect(
      transitionRefusal('in_progress', { to: 'on_hold', onHoldReason: 'awaiting_caller' }),
    ).toBeUndefined();
  });

  it('needs a resolution code and notes to resolve', () => {
    expect(transitionRefusal('in_progress', { to: 'resolved', resolutionNotes: '  ' })).toEqual({
      kind: 'invalid',
      errors: [
        expect.objectContaining({ field: 'resolutionCode' }),
        expect.objectContaining({ field: 'resolutionNotes' }),
      ],
    });
    expect(
      transitionRefusal('on_hold', {
        to: 'resolved',
        resolutionCode: 'solved_permanently',
        resolutionNotes: 'Patched',
      }),
    ).toBeUndefined();
  });

  it('needs a reason to reopen', () => {
    expect(transitionRefusal('resolved', { to: 'in_progress' })).toMatchObject({
      kind: 'invalid',
      errors: [expect.objectContaining({ field: 'reason' })],
    });
    expect(
      transitionRefusal('resolved', { to: 'in_progress', reason: 'Broken again' }),
    ).toBeUndefined();
  });
});
