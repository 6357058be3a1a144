import { gateDecision, type AskedCi, type GateChange } from './gate-decision';

const DB = '11111111-0000-4000-8000-000000000001';
const APP = '11111111-0000-4000-8000-000000000002';
const at = new Date('2026-12-05T22:30:00Z');

const change = (fields: Partial<GateChange> = {}): GateChange => ({
  id: 'c1',
  number: 'CHG0000001',
  type: 'normal',
  state: 'implement',
  approval: 'approved',
  plannedStart: new Date('2026-12-05T22:00:00Z'),
  plannedEnd: new Date('2026-12-05T23:00:00Z'),
  affectedCiIds: [DB, APP],
  ...fields,
});
const asked = (...refs: Array<[string, string[]]>): AskedCi[] =>
  refs.map(([ref, ciIds]) => ({ ref, ciIds }));
const codes = (decision: ReturnType<typeof gateDecision>) =>
  decision.allowed ? [] : decision.reasons.map((reason) => reason.code);

describe('the deployment gate', () => {
  it('lets a deployment through inside the window of an implementing, approved change on its CIs', () => {
    const decision = gateDecision(asked(['db-01', [DB]], [APP, [APP]]), [change()], at);
    expect(decision).toMatchObject({ allowed: true, change: { number: 'CHG0000001' } });
  });

  it('lets a standard change through without votes: it is pre-approved', () => {
    const standard = change({ type: 'standard', approval: null });
    expect(gateDecision(asked([DB, [DB]]), [standard], at).allowed).toBe(true);
  });

  it('takes the window start as inside and its end as outside', () => {
    expect(
      gateDecision(asked([DB, [DB]]), [change()], new Date('2026-12-05T22:00:00Z')).allowed,
    ).toBe(true);
    const atEnd = gateDecision(asked([DB, [DB]]), [change()], new Date('2026-12-05T23:00:00Z'));
    expect(codes(atEnd)).toEqual(['outside_window']);
  });

  it('refuses, naming every shortfall of a change that covers the CIs', () => {
    const scheduled = change({ state: 'scheduled', approval: 'requested', affectedCiIds: [DB] });
    const decision = gateDecision(
      asked(['db-01', [DB]], ['app-01', [APP]]),
      [scheduled],
      new Date('2026-12-06T00:00:00Z'),
    );
    expect(codes(decision)).toEqual([
      'no_change',
      'not_implementing',
      'not_authorised',
      'outside_window',
      'not_all_cis',
    ]);
    expect(decision.allowed || decision.reasons[0]!.message).toBe(
      'No open change covers CI app-01',
    );
    expect(decision.allowed || decision.reasons[4]!.message).toBe(
      'CHG0000001 does not cover CI app-01',
    );
  });

  it('refuses a CI nobody knows, or a name that several CIs carry, before looking at changes', () => {
    const decision = gateDecision(asked(['ghost', []], ['web', [DB, APP]]), [change()], at);
    expect(codes(decision)).toEqual(['unknown_ci', 'ambiguous_ci']);
  });

  it('says so when no change covers a CI at all', () => {
    expect(codes(gateDecision(asked([DB, [DB]]), [], at))).toEqual(['no_change']);
  });

  it('finds the change that allows it among others that do not', () => {
    const other = change({ id: 'c0', number: 'CHG0000000', state: 'review' });
    const decision = gateDecision(asked([DB, [DB]]), [other, change()], at);
    expect(decision).toMatchObject({ allowed: true, change: { number: 'CHG0000001' } });
  });

  it('refuses a change planned with only one end', () => {
    const decision = gateDecision(asked([DB, [DB]]), [change({ plannedEnd: null })], at);
    expect(codes(decision)).toEqual(['outside_window']);
  });
});
