import { applyTransition, transitionRefusal, type TransitionFields } from './change-transition';
import type { PlannedWork } from './change-requirements';

const work: PlannedWork = {
  justification: 'Security fix',
  implementationPlan: 'apt upgrade',
  backoutPlan: 'apt install the previous version',
  testPlan: 'smoke tests',
  plannedStart: new Date('2026-12-05T22:00:00Z'),
  plannedEnd: new Date('2026-12-05T23:00:00Z'),
  affectedCiIds: ['9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'],
};
const fields: TransitionFields = {
  state: 'scheduled',
  actualStart: null,
  actualEnd: null,
  closeCode: null,
  closeNotes: null,
  cancelReason: null,
  closedAt: null,
};
const now = new Date('2026-12-05T22:01:00Z');

describe('moving a change', () => {
  it('names the current state and the allowed ones when the model forbids the move', () => {
    expect(
      transitionRefusal({ ...work, type: 'standard', state: 'new' }, { to: 'assess' }),
    ).toEqual({ kind: 'illegal', from: 'new', to: 'assess', allowed: ['scheduled', 'canceled'] });
  });

  it('refuses a move the change is not ready for, naming each missing field', () => {
    const refusal = transitionRefusal(
      { ...work, testPlan: null, affectedCiIds: [], type: 'emergency', state: 'new' },
      { to: 'authorize' },
    );
    expect(refusal).toMatchObject({ kind: 'incomplete', to: 'authorize' });
    expect(refusal?.kind === 'incomplete' && refusal.missing.map((e) => e.field)).toEqual([
      'affectedCiIds',
      'testPlan',
    ]);
  });

  it('closes with a close code and notes', () => {
    const refusal = transitionRefusal(
      { ...work, type: 'normal', state: 'review' },
      { to: 'closed', closeCode: 'fine' },
    );
    expect(refusal?.kind === 'invalid' && refusal.errors.map((e) => e.field)).toEqual([
      'closeCode',
      'closeNotes',
    ]);
    expect(
      transitionRefusal(
        { ...work, type: 'normal', state: 'review' },
        {
          to: 'closed',
          closeCode: 'successful_with_issues',
          closeNotes: 'One node restarted late',
        },
      ),
    ).toBeUndefined();
  });

  it('cancels, or sends a change back, only with a reason', () => {
    const canceled = transitionRefusal(
      { ...work, type: 'normal', state: 'new' },
      { to: 'canceled' },
    );
    expect(canceled).toEqual({
      kind: 'invalid',
      errors: [{ field: 'reason', message: 'Canceling needs a reason' }],
    });
    const sentBack = transitionRefusal(
      { ...work, type: 'normal', state: 'assess' },
      { to: 'new', reason: ' ' },
    );
    expect(sentBack?.kind).toBe('invalid');
    expect(
      transitionRefusal({ ...work, type: 'normal', state: 'assess' }, { to: 'new', reason: 'x' }),
    ).toBeUndefined();
  });

  it('records when the work started and ended', () => {
    const started = applyTransition(fields, { to: 'implement' }, now);
    expect(started).toMatchObject({ state: 'implement', actualStart: now, actualEnd: null });
    const later = new Date('2026-12-05T22:40:00Z');
    expect(applyTransition(started, { to: 'review' }, later)).toMatchObject({
      state: 'review',
      actualStart: now,
      actualEnd: later,
    });
  });

  it('records how it closed, or why it was canceled, and when', () => {
    expect(
      applyTransition(
        { ...fields, state: 'review' },
        { to: 'closed', closeCode: 'unsuccessful', closeNotes: 'Backed out' },
        now,
      ),
    ).toMatchObject({ closeCode: 'unsuccessful', closeNotes: 'Backed out', closedAt: now });
    expect(applyTransition(fields, { to: 'canceled', reason: 'Vendor patch' }, now)).toMatchObject({
      state: 'canceled',
      cancelReason: 'Vendor patch',
      closedAt: now,
      closeCode: null,
    });
  });
});
