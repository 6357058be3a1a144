import {
  approvalOutcome,
  approvalRequirement,
  isEligible,
  voteRefusal,
  type ApprovalSettings,
  type Vote,
} from './approval-policy';

const SETTINGS: ApprovalSettings = {
  cabQuorum: 2,
  cabGroup: 'cab',
  emergencyCabGroup: 'emergency-cab',
};
const voter = (id: string, roles: string[], groups: string[]) => ({
  id,
  roles: new Set(roles),
  groups: new Set(groups),
});
const chloe = voter('chloe', ['change_manager', 'agent'], ['cab']);
const carl = voter('carl', ['cab_member', 'agent'], ['cab', 'network']);
const cora = voter('cora', ['cab_member', 'agent'], ['cab', 'emergency-cab']);
const vote = (
  approver: string,
  decision: Vote['decision'],
  board: Vote['board'] = 'cab',
): Vote => ({
  approver,
  board,
  decision,
});

describe('approvalRequirement', () => {
  it('sends a low-risk normal change to one change manager', () => {
    expect(approvalRequirement('normal', 'low', SETTINGS)).toMatchObject({
      board: 'change_manager',
      approvalsNeeded: 1,
    });
  });

  it('sends moderate and higher risk, and an unassessed change, to a CAB quorum', () => {
    for (const risk of ['moderate', 'high', 'very_high', null] as const) {
      expect(approvalRequirement('normal', risk, SETTINGS)).toMatchObject({
        board: 'cab',
        approvalsNeeded: 2,
      });
    }
    expect(
      approvalRequirement('normal', 'high', { ...SETTINGS, cabQuorum: 3 }).approvalsNeeded,
    ).toBe(3);
  });

  it('sends an emergency to the emergency CAB for one approval, whatever its risk', () => {
    expect(approvalRequirement('emergency', 'low', SETTINGS)).toMatchObject({
      board: 'emergency_cab',
      approvalsNeeded: 1,
      eligible: 'members of group emergency-cab',
    });
  });
});

describe('isEligible', () => {
  it('takes change managers by role and boards by group', () => {
    expect(isEligible('change_manager', chloe, SETTINGS)).toBe(true);
    expect(isEligible('change_manager', carl, SETTINGS)).toBe(false);
    expect(isEligible('cab', carl, SETTINGS)).toBe(true);
    expect(isEligible('emergency_cab', carl, SETTINGS)).toBe(false);
    expect(isEligible('emergency_cab', cora, SETTINGS)).toBe(true);
  });
});

describe('approvalOutcome', () => {
  const cab = approvalRequirement('normal', 'high', SETTINGS);

  it('waits until the quorum approves', () => {
    expect(approvalOutcome(cab, [])).toBe('requested');
    expect(approvalOutcome(cab, [vote('carl', 'approved')])).toBe('requested');
    expect(approvalOutcome(cab, [vote('carl', 'approved'), vote('cora', 'approved')])).toBe(
      'approved',
    );
  });

  it('rejects on any rejection, even after the quorum approved', () => {
    expect(approvalOutcome(cab, [vote('carl', 'rejected')])).toBe('rejected');
    expect(
      approvalOutcome(cab, [
        vote('carl', 'approved'),
        vote('cora', 'approved'),
        vote('chloe', 'rejected'),
      ]),
    ).toBe('rejected');
  });

  it('counts only the votes cast for the board now deciding', () => {
    // Risk rose from low to high while in Authorize: the change manager's approval is not the CAB's.
    expect(approvalOutcome(cab, [vote('chloe', 'approved', 'change_manager')])).toBe('requested');
  });
});

describe('voteRefusal', () => {
  const cab = approvalRequirement('normal', 'moderate', SETTINGS);

  it('lets an eligible member vote once', () => {
    expect(voteRefusal('requested', cab, carl, [], SETTINGS)).toBeUndefined();
    expect(voteRefusal('requested', cab, carl, [vote('carl', 'approved')], SETTINGS)).toMatchObject(
      {
        kind: 'already-voted',
      },
    );
  });

  it('refuses a non-member', () => {
    const emergency = approvalRequirement('emergency', null, SETTINGS);
    expect(voteRefusal('requested', emergency, carl, [], SETTINGS)).toMatchObject({
      kind: 'not-eligible',
    });
  });

  it('refuses votes on a change that is not waiting for them', () => {
    expect(voteRefusal(null, cab, carl, [], SETTINGS)).toMatchObject({ kind: 'not-awaiting' });
    expect(voteRefusal('approved', cab, carl, [], SETTINGS)).toMatchObject({
      kind: 'not-awaiting',
      outcome: 'approved',
    });
  });
});
