import { allowedNextStates, isEnded, STATE_CODES, statesOf } from './change-states';

describe('change state models', () => {
  it("uses ServiceNow's state codes", () => {
    expect(STATE_CODES).toEqual({
      new: -5,
      assess: -4,
      authorize: -3,
      scheduled: -2,
      implement: -1,
      review: 0,
      closed: 3,
      canceled: 4,
    });
  });

  it('takes a normal change through assessment and authorisation', () => {
    expect(allowedNextStates('normal', 'new')).toEqual(['assess', 'canceled']);
    expect(allowedNextStates('normal', 'assess')).toEqual(['authorize', 'new', 'canceled']);
    expect(allowedNextStates('normal', 'authorize')).toEqual(['scheduled', 'new', 'canceled']);
    expect(allowedNextStates('normal', 'scheduled')).toEqual(['implement', 'canceled']);
    expect(allowedNextStates('normal', 'implement')).toEqual(['review', 'canceled']);
    expect(allowedNextStates('normal', 'review')).toEqual(['closed']);
  });

  it('schedules a standard change at once: it is pre-approved', () => {
    expect(allowedNextStates('standard', 'new')).toEqual(['scheduled', 'canceled']);
    expect(statesOf('standard')).not.toContain('assess');
    expect(statesOf('standard')).not.toContain('authorize');
  });

  it('sends an emergency straight to authorisation, without assessment', () => {
    expect(allowedNextStates('emergency', 'new')).toEqual(['authorize', 'canceled']);
    expect(allowedNextStates('emergency', 'authorize')).toEqual(['scheduled', 'new', 'canceled']);
    expect(statesOf('emergency')).not.toContain('assess');
  });

  it('cancels only before review, and nothing follows closed or canceled', () => {
    expect(allowedNextStates('normal', 'review')).not.toContain('canceled');
    for (const type of ['standard', 'normal', 'emergency'] as const) {
      expect(allowedNextStates(type, 'closed')).toEqual([]);
      expect(allowedNextStates(type, 'canceled')).toEqual([]);
    }
    expect(isEnded('closed')).toBe(true);
    expect(isEnded('review')).toBe(false);
  });
});
