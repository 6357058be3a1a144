import { needsSchedulingCheck, plannedEditRefusal, type PlannedScope } from './planned-edits';

const CI = '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const OTHER = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const planned: PlannedScope = {
  affectedCiIds: [CI],
  plannedStart: new Date('2026-12-05T22:00:00Z'),
  plannedEnd: new Date('2026-12-05T23:00:00Z'),
};
const later = { ...planned, plannedEnd: new Date('2027-01-05T23:00:00Z') };

describe('edits of what was planned', () => {
  it('freezes the CIs in Scheduled and Implement, not before', () => {
    const added = { ...planned, affectedCiIds: [CI, OTHER] };
    expect(plannedEditRefusal('scheduled', planned, added)).toEqual({
      kind: 'scope-frozen',
      state: 'scheduled',
    });
    expect(plannedEditRefusal('implement', planned, added)?.kind).toBe('scope-frozen');
    expect(plannedEditRefusal('authorize', planned, added)).toBeNull();
  });

  it('freezes the window in Implement, naming the fields moved', () => {
    expect(plannedEditRefusal('implement', planned, later)).toEqual({
      kind: 'window-frozen',
      state: 'implement',
      fields: ['plannedEnd'],
    });
    expect(plannedEditRefusal('scheduled', planned, later)).toBeNull();
  });

  it('takes the same values sent again for no edit', () => {
    const same = {
      affectedCiIds: [CI.toUpperCase()],
      plannedStart: new Date(planned.plannedStart!.getTime()),
      plannedEnd: new Date(planned.plannedEnd!.getTime()),
    };
    expect(plannedEditRefusal('implement', planned, same)).toBeNull();
    expect(needsSchedulingCheck('scheduled', planned, same)).toBe(false);
  });

  it('checks a scheduled change again when its window moves, only then', () => {
    expect(needsSchedulingCheck('scheduled', planned, later)).toBe(true);
    expect(needsSchedulingCheck('authorize', planned, later)).toBe(false);
  });
});
