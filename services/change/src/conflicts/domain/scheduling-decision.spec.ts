import type { Conflict } from './conflict-rules';
import { schedulingDecision, type ConflictCheck } from './scheduling-decision';

const conflict = { kind: 'same_ci' } as Conflict;
const clear: ConflictCheck = { conflicts: [], footprintPending: false };
const conflicting: ConflictCheck = { conflicts: [conflict], footprintPending: false };
const pending: ConflictCheck = { conflicts: [], footprintPending: true };
const pendingConflicting: ConflictCheck = { conflicts: [conflict], footprintPending: true };

describe('scheduling a change', () => {
  it('goes ahead without conflicts', () => {
    expect(schedulingDecision(clear, undefined, false)).toEqual({
      kind: 'clear',
      ownCisOnly: false,
    });
    expect(schedulingDecision(clear, { reason: 'x' }, false)).toEqual({
      kind: 'clear',
      ownCisOnly: false,
    });
  });

  it('is refused with its conflicts', () => {
    expect(schedulingDecision(conflicting, undefined, true)).toEqual({
      kind: 'conflicts',
      check: conflicting,
    });
  });

  it('goes ahead on its own CIs alone, and says so, when the CMDB has not answered for them', () => {
    expect(schedulingDecision(pending, undefined, false)).toEqual({
      kind: 'clear',
      ownCisOnly: true,
    });
    expect(schedulingDecision(pendingConflicting, undefined, true).kind).toBe('conflicts');
  });

  it('goes ahead when a change manager overrides with a reason', () => {
    expect(schedulingDecision(conflicting, { reason: ' agreed with the DBA ' }, true)).toEqual({
      kind: 'overridden',
      reason: 'agreed with the DBA',
      check: conflicting,
    });
    expect(schedulingDecision(pendingConflicting, { reason: 'x' }, true).kind).toBe('overridden');
  });

  it('refuses an override without a reason, or by somebody else', () => {
    expect(schedulingDecision(conflicting, { reason: ' ' }, true)).toEqual({
      kind: 'override-invalid',
    });
    expect(schedulingDecision(conflicting, {}, true).kind).toBe('override-invalid');
    expect(schedulingDecision(conflicting, { reason: 'x' }, false).kind).toBe('override-forbidden');
  });
});
