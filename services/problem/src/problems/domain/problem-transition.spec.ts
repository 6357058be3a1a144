import { applyTransition, type TransitionFields } from './problem-transition';

const now = new Date('2026-11-28T08:00:00Z');
const open = (state: TransitionFields['state']): TransitionFields => ({
  state,
  resolutionCode: null,
  resolutionNotes: null,
  resolvedAt: null,
  closedAt: null,
});

describe('the effects of a problem move', () => {
  it('records how and when a problem was resolved', () => {
    expect(
      applyTransition(
        open('fix_in_progress'),
        { to: 'resolved', resolutionCode: 'fix_applied', resolutionNotes: ' Pool patched ' },
        now,
      ),
    ).toEqual({
      state: 'resolved',
      resolutionCode: 'fix_applied',
      resolutionNotes: 'Pool patched',
      resolvedAt: now,
      closedAt: null,
    });
  });

  it('keeps the resolution when a resolved problem closes', () => {
    const resolved = {
      ...open('resolved'),
      resolutionCode: 'fix_applied' as const,
      resolutionNotes: 'Pool patched',
      resolvedAt: new Date('2026-11-27T08:00:00Z'),
    };
    expect(applyTransition(resolved, { to: 'closed' }, now)).toEqual({
      ...resolved,
      state: 'closed',
      closedAt: now,
    });
  });

  it('records the code of a problem closed without a fix, and no resolution time', () => {
    expect(
      applyTransition(
        open('assess'),
        { to: 'closed', resolutionCode: 'risk_accepted', resolutionNotes: 'Legacy, retiring' },
        now,
      ),
    ).toEqual({
      state: 'closed',
      resolutionCode: 'risk_accepted',
      resolutionNotes: 'Legacy, retiring',
      resolvedAt: null,
      closedAt: now,
    });
  });

  it('changes nothing else on a step forward', () => {
    expect(applyTransition(open('new'), { to: 'assess' }, now)).toEqual(open('assess'));
  });
});
