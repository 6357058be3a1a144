import {
  FOOTPRINT_REFRESH_STATES,
  FOOTPRINT_REQUEST_PATIENCE_MINUTES,
  unansweredRequestsLostBefore,
} from './footprint-refresh';

describe('fresh footprints', () => {
  it('refreshes the changes that can still be scheduled or are, not those under way or ended', () => {
    expect(FOOTPRINT_REFRESH_STATES).toEqual(['new', 'assess', 'authorize', 'scheduled']);
  });

  it('takes a request unanswered for 15 minutes as lost', () => {
    expect(FOOTPRINT_REQUEST_PATIENCE_MINUTES).toBe(15);
    expect(unansweredRequestsLostBefore(new Date('2026-12-07T22:15:00Z'))).toEqual(
      new Date('2026-12-07T22:00:00Z'),
    );
  });
});
