import {
  approvalOutcome,
  approversFor,
  decisionRefusal,
  isEligible,
  isRefusal,
  type Approvers,
} from './approval-policy';

const person = (id: string, groups: string[] = []) => ({ id, groups: new Set(groups) });
const managerOfAlice: Approvers = { kind: 'manager', approver: 'mona', quorum: 1 };
const cab: Approvers = { kind: 'group', group: 'cab', quorum: 2 };
const aliceAsks = { requestedBy: 'alice', requestedFor: 'alice' };

describe('who approves a requested item', () => {
  it('needs nobody for an item without approval', () => {
    expect(approversFor({ kind: 'none' }, { id: 'alice', managerId: null }, 'alice')).toBeNull();
  });

  it('names the manager of the person the request is for, as the directory knows them', () => {
    expect(approversFor({ kind: 'manager' }, { id: 'alice', managerId: 'mona' }, 'alice')).toEqual(
      managerOfAlice,
    );
  });

  it('refuses a manager approval for somebody without a manager, naming the rule', () => {
    const outcome = approversFor({ kind: 'manager' }, { id: 'alice', managerId: null }, 'alice');
    expect(isRefusal(outcome!)).toBe(true);
    expect(outcome).toMatchObject({ rule: 'manager', message: expect.stringContaining('alice') });
  });

  it('refuses a person who is their own manager: nobody else could approve', () => {
    const outcome = approversFor({ kind: 'manager' }, { id: 'mona', managerId: 'mona' }, 'mona');
    expect(isRefusal(outcome!)).toBe(true);
  });

  it('refuses a manager ordering on behalf of their report: they may not approve their own request', () => {
    const outcome = approversFor({ kind: 'manager' }, { id: 'alice', managerId: 'mona' }, 'mona');
    expect(isRefusal(outcome!)).toBe(true);
    expect(outcome).toMatchObject({ rule: 'manager', message: expect.stringContaining('mona') });
  });

  it("takes a group rule's group and quorum as they are", () => {
    expect(
      approversFor({ kind: 'group', group: 'cab', quorum: 2 }, { id: 'a', managerId: null }, 'a'),
    ).toEqual(cab);
  });

  it('lets only the manager decide a manager approval, and any member a group one', () => {
    expect(isEligible(managerOfAlice, person('mona'))).toBe(true);
    expect(isEligible(managerOfAlice, person('bob', ['cab']))).toBe(false);
    expect(isEligible(cab, person('carl', ['cab']))).toBe(true);
    expect(isEligible(cab, person('mona'))).toBe(false);
  });
});

describe('the outcome of the decisions cast', () => {
  it('approves at the quorum, and waits below it', () => {
    expect(approvalOutcome(cab, [{ approver: 'carl', decision: 'approved' }])).toBe('requested');
    expect(
      approvalOutcome(cab, [
        { approver: 'carl', decision: 'approved' },
        { approver: 'cora', decision: 'approved' },
      ]),
    ).toBe('approved');
    expect(approvalOutcome(managerOfAlice, [{ approver: 'mona', decision: 'approved' }])).toBe(
      'approved',
    );
  });

  it('rejects on any rejection, whatever the approvals', () => {
    expect(
      approvalOutcome(cab, [
        { approver: 'carl', decision: 'approved' },
        { approver: 'cora', decision: 'rejected' },
      ]),
    ).toBe('rejected');
  });
});

describe('who may decide now', () => {
  it('refuses somebody who is not an approver, saying who is', () => {
    expect(decisionRefusal('requested', cab, person('bob'), [], aliceAsks)).toEqual({
      kind: 'not-eligible',
      eligible: '2 member(s) of group cab',
    });
  });

  it('refuses an approver deciding twice', () => {
    const cast = { approver: 'carl', decision: 'approved' as const };
    expect(decisionRefusal('requested', cab, person('carl', ['cab']), [cast], aliceAsks)).toEqual({
      kind: 'already-decided',
      decision: cast,
    });
  });

  it('refuses a decision once the approval ended, cancelled with its item included', () => {
    expect(decisionRefusal('cancelled', managerOfAlice, person('mona'), [], aliceAsks)).toEqual({
      kind: 'not-awaiting',
      state: 'cancelled',
    });
    expect(decisionRefusal('approved', cab, person('cora', ['cab']), [], aliceAsks)).toMatchObject({
      kind: 'not-awaiting',
    });
  });

  it('refuses a member of the approving group deciding a request made for them, or by them', () => {
    const quorumOfOne: Approvers = { kind: 'group', group: 'cab', quorum: 1 };
    expect(
      decisionRefusal('requested', quorumOfOne, person('carl', ['cab']), [], {
        requestedBy: 'carl',
        requestedFor: 'carl',
      }),
    ).toEqual({ kind: 'self-approval', party: 'requestedFor' });
    expect(
      decisionRefusal('requested', quorumOfOne, person('sam', ['cab']), [], {
        requestedBy: 'sam',
        requestedFor: 'alice',
      }),
    ).toEqual({ kind: 'self-approval', party: 'requestedBy' });
  });

  it('lets an eligible approver who has not decided decide a waiting approval', () => {
    expect(
      decisionRefusal('requested', cab, person('cora', ['cab']), [], aliceAsks),
    ).toBeUndefined();
  });
});
