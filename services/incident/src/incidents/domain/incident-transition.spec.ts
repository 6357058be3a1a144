import {
  applyTransition,
  childResolvedWithParent,
  movesSlaClocks,
  type TransitionFields,
} from './incident-transition';

const opened = new Date('2026-03-02T09:00:00Z');
const now = new Date('2026-03-02T11:30:00Z');

function incident(fields: Partial<TransitionFields> = {}): TransitionFields {
  return {
    state: 'new',
    onHoldReason: null,
    acknowledgedAt: null,
    resolvedAt: null,
    resolutionCode: null,
    resolutionNotes: null,
    closedAt: null,
    reopenCount: 0,
    ...fields,
  };
}

const resolved = incident({
  state: 'resolved',
  acknowledgedAt: opened,
  resolvedAt: opened,
  resolutionCode: 'solved_remotely',
  resolutionNotes: 'Restarted the spooler',
});

describe('applyTransition: what a move changes besides the state', () => {
  it('acknowledges an incident when work starts on it', () => {
    expect(applyTransition(incident(), { to: 'in_progress' }, now)).toEqual(
      incident({ state: 'in_progress', acknowledgedAt: now }),
    );
  });

  it('keeps the first acknowledgement when work starts again', () => {
    const held = incident({
      state: 'on_hold',
      onHoldReason: 'awaiting_caller',
      acknowledgedAt: opened,
    });
    expect(applyTransition(held, { to: 'in_progress' }, now).acknowledgedAt).toBe(opened);
  });

  it('keeps the reason of an incident put on hold, and forgets it when the hold ends', () => {
    const held = applyTransition(
      incident(),
      { to: 'on_hold', onHoldReason: 'awaiting_vendor' },
      now,
    );
    expect(held).toMatchObject({ state: 'on_hold', onHoldReason: 'awaiting_vendor' });
    expect(applyTransition(held, { to: 'in_progress' }, now).onHoldReason).toBeNull();
  });

  it('records how and when an incident is resolved', () => {
    const moved = applyTransition(
      incident({ state: 'in_progress', acknowledgedAt: opened }),
      {
        to: 'resolved',
        resolutionCode: 'solved_permanently',
        resolutionNotes: 'Replaced the disk',
      },
      now,
    );
    expect(moved).toEqual(
      incident({
        state: 'resolved',
        acknowledgedAt: opened,
        resolvedAt: now,
        resolutionCode: 'solved_permanently',
        resolutionNotes: 'Replaced the disk',
      }),
    );
  });

  it('counts a reopening and forgets the resolution it undoes', () => {
    const reopened = applyTransition(
      resolved,
      { to: 'in_progress', reason: 'It failed again' },
      now,
    );
    expect(reopened).toEqual(
      incident({ state: 'in_progress', acknowledgedAt: opened, reopenCount: 1 }),
    );
  });

  it.each(['closed', 'canceled'] as const)('records when an incident is %s', (to) => {
    const from = to === 'closed' ? resolved : incident();
    expect(applyTransition(from, { to }, now)).toEqual({ ...from, state: to, closedAt: now });
  });

  it('leaves the incident it was given as it was', () => {
    const before = { ...resolved };
    applyTransition(resolved, { to: 'in_progress', reason: 'again' }, now);
    expect(resolved).toEqual(before);
  });
});

describe('childResolvedWithParent', () => {
  it('resolves an open child with its parent resolution code, naming the parent', () => {
    const child = incident({
      state: 'on_hold',
      onHoldReason: 'awaiting_problem',
      acknowledgedAt: opened,
    });
    const parent = {
      number: 'INC0000042',
      resolutionCode: 'solved_permanently',
      resolutionNotes: 'Core switch replaced',
    };
    expect(childResolvedWithParent(child, parent, now)).toEqual(
      incident({
        state: 'resolved',
        acknowledgedAt: opened,
        resolvedAt: now,
        resolutionCode: 'solved_permanently',
        resolutionNotes: 'Resolved with its parent INC0000042: Core switch replaced',
      }),
    );
  });
});

describe('movesSlaClocks', () => {
  const at = { state: 'in_progress' as const, priority: 3, acknowledgedAt: opened };

  it('is false for a change that leaves state, priority and acknowledgement alone', () => {
    expect(movesSlaClocks(at, { ...at })).toBe(false);
  });

  it.each([
    ['the state', { state: 'on_hold' as const }],
    ['the priority', { priority: 2 }],
    ['the acknowledgement', { acknowledgedAt: null }],
  ])('is true for a change of %s', (_what, change) => {
    expect(movesSlaClocks(at, { ...at, ...change })).toBe(true);
  });
});
