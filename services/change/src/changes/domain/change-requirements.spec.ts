import { missingFields, windowErrors, type PlannedWork } from './change-requirements';

const complete: PlannedWork = {
  justification: 'Security fix',
  implementationPlan: 'apt upgrade',
  backoutPlan: 'apt install the previous version',
  testPlan: 'smoke tests',
  plannedStart: new Date('2026-12-05T22:00:00Z'),
  plannedEnd: new Date('2026-12-05T23:00:00Z'),
  affectedCiIds: ['9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'],
};
const empty: PlannedWork = {
  justification: null,
  implementationPlan: '  ',
  backoutPlan: null,
  testPlan: null,
  plannedStart: null,
  plannedEnd: null,
  affectedCiIds: [],
};
const fields = (state: Parameters<typeof missingFields>[0], work: PlannedWork) =>
  missingFields(state, work).map((error) => error.field);

describe('fields each change state requires', () => {
  it('asks nothing of a new change, or of a canceled one', () => {
    expect(fields('new', empty)).toEqual([]);
    expect(fields('canceled', empty)).toEqual([]);
  });

  it('asks for what assessment reads: why, how, which CIs and when', () => {
    expect(fields('assess', empty)).toEqual([
      'justification',
      'implementationPlan',
      'affectedCiIds',
      'plannedStart',
      'plannedEnd',
    ]);
  });

  it('asks approvers to see the backout and test plans too, and keeps them required to the end', () => {
    for (const state of ['authorize', 'scheduled', 'implement', 'review', 'closed'] as const) {
      expect(fields(state, { ...complete, backoutPlan: null, testPlan: '' })).toEqual([
        'backoutPlan',
        'testPlan',
      ]);
      expect(fields(state, complete)).toEqual([]);
    }
  });

  it('names the state and what it needs', () => {
    expect(missingFields('assess', { ...complete, affectedCiIds: [] })).toEqual([
      { field: 'affectedCiIds', message: 'assess needs at least one affected CI' },
    ]);
  });
});

describe('the planned window', () => {
  const at = (iso: string) => new Date(iso);

  it('must end after it starts, naming both ends', () => {
    const errors = windowErrors({
      plannedStart: at('2026-12-05T23:00:00Z'),
      plannedEnd: at('2026-12-05T22:00:00Z'),
    });
    expect(errors.map((e) => e.field)).toEqual(['plannedStart', 'plannedEnd']);
  });

  it('may not be empty', () => {
    const instant = at('2026-12-05T22:00:00Z');
    expect(windowErrors({ plannedStart: instant, plannedEnd: instant })).toHaveLength(2);
  });

  it('may be half planned, and is fine when it ends after it starts', () => {
    expect(windowErrors({ plannedStart: at('2026-12-05T22:00:00Z'), plannedEnd: null })).toEqual(
      [],
    );
    expect(windowErrors(complete)).toEqual([]);
  });
});
