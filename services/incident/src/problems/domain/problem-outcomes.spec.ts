import { resumesWaitingIncidents, waitsForProblem, workaroundNote } from './problem-outcomes';

describe('what a problem changes on its incidents', () => {
  it('resumes the waiting incidents only when the problem is resolved with its fix applied', () => {
    expect(resumesWaitingIncidents({ toState: 'resolved', reason: 'fix_applied' })).toBe(true);
    expect(resumesWaitingIncidents({ toState: 'resolved', reason: 'risk_accepted' })).toBe(false);
    expect(resumesWaitingIncidents({ toState: 'closed', reason: 'fix_applied' })).toBe(false);
    expect(resumesWaitingIncidents({ toState: 'fix_in_progress' })).toBe(false);
  });

  it('counts as waiting only an incident On Hold awaiting a problem', () => {
    expect(waitsForProblem({ state: 'on_hold', onHoldReason: 'awaiting_problem' })).toBe(true);
    expect(waitsForProblem({ state: 'on_hold', onHoldReason: 'awaiting_vendor' })).toBe(false);
    expect(waitsForProblem({ state: 'in_progress', onHoldReason: null })).toBe(false);
  });

  it('writes the workaround note from the known error, the same for the same publication', () => {
    const knownError = {
      number: 'PRB0000042',
      shortDescription: 'Checkout timeouts',
      cause: 'Pool leak',
      workaround: 'Restart the pool',
    };
    expect(workaroundNote(knownError)).toBe(
      'Known error PRB0000042: Checkout timeouts\nCause: Pool leak\nWorkaround: Restart the pool',
    );
    expect(workaroundNote({ ...knownError })).toBe(workaroundNote(knownError));
  });
});
