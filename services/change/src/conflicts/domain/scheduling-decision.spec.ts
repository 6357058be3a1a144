import type { Conflict } from './conflict-rules';
import { schedulingDecision, type ConflictCheck } from './scheduling-decision';

const conflict = { kind: 'same_ci' } as Conflict;
const clear: ConflictCheck = { conflicts: [], footprintPending: false };
const conflicting: ConflictCheck = { conflicts: [conflict], footprintPending: false };
const pending: ConflictCheck = { conflicts: [], footprintPending: true };

describe('scheduling a change', () => {
  it('goes ahead without conflicts once the CMDB has answered', () => {
    expect(schedulingDecision(clear, undefined, false)).toEqual({ kind: 'clear' });
    expect(schedulingDecision(clear, { reason: 'x' }, false)).toEqual({ kind: 'clear' });
  });

  it('is refused with its conflicts', () => {
    expect(schedulingDecision(conflicting, undefined, true)).toEqual({
      kind: 'conflicts',
      check: conflicting,
    });
  });

  it('waits for the CMDB when it has not answered for the change’s CIs', () => {
    expect(schedulingDecision(pending, undefined, true)).toEqual({
      kind: 'pending',
      check: pending,
    });
  });

  it('goes ahead when a change manager overrides with a reason', () => {
    expect(schedulingDecision(conflicting, { reason: ' agreed with the DBA ' }, true)).toEqual({
      kind: 'overridden',
      reason: 'agreed with the DBA',
      check: conflicting,
    });
    expect(schedulingDecision(pending, { reason: 'CMDB down' }, true).kind).toBe('overridden');
  });

  it('refuses an override without a reason, or by somebody else', () => {
    expect(schedulingDecision(conflicting, { reason: ' ' }, true)).toEqual({
      kind: 'override-invalid',
    });
    expect(schedulingDecision(conflicting, {}, true).kind).toBe('override-invalid');
    expect(schedulingDecision(conflicting, { reason: 'x' }, false).kind).toBe('override-forbidden');
  });
});
