import type { Principal } from '@itsm/auth/rules';
import { mayView, mayWork, resolutionRefusals } from './problem-access';

const person = (id: string, roles: string[], groups: string[] = []): Principal =>
  ({ id, kind: 'user', roles: new Set(roles), groups: new Set(groups) }) as Principal;

const alice = person('alice', ['requester']);
const nina = person('nina', ['agent', 'requester'], ['network']);
const dan = person('dan', ['agent', 'requester'], ['database']);
const paul = person('paul', ['problem_manager', 'agent'], ['service-desk']);
const ada = person('ada', ['admin']);
const networkProblem = { openedBy: 'dan', assignmentGroup: 'network', assignee: null };

describe('who may see and work a problem', () => {
  it('shows problems to agents and managers, and none to a requester', () => {
    expect([alice, nina, dan, paul, ada].map((caller) => mayView(caller))).toEqual([
      false,
      true,
      true,
      true,
      true,
    ]);
  });

  it("lets the assignment group, the assignee and managers work it, not its opener's group", () => {
    expect(mayWork(nina, networkProblem)).toBe(true);
    expect(mayWork(dan, networkProblem)).toBe(false);
    expect(mayWork(dan, { ...networkProblem, assignee: 'dan' })).toBe(true);
    expect(mayWork(paul, networkProblem)).toBe(true);
    expect(mayWork(ada, networkProblem)).toBe(true);
    expect(mayWork(alice, { ...networkProblem, assignee: 'alice' })).toBe(false);
  });

  it('leaves accepting a risk and canceling to problem managers', () => {
    for (const code of ['risk_accepted', 'canceled']) {
      expect(resolutionRefusals(nina, code)).toEqual([
        expect.objectContaining({ field: 'resolutionCode', allowed: ['fix_applied', 'duplicate'] }),
      ]);
      expect(resolutionRefusals(paul, code)).toEqual([]);
    }
    expect(resolutionRefusals(nina, 'fix_applied')).toEqual([]);
    expect(resolutionRefusals(nina, 'duplicate')).toEqual([]);
  });
});
