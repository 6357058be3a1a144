import type { Principal } from '@itsm/auth/rules';
import { callerMayMove, mayView, mayWork, requesterCreateRefusals } from './incident-access';

function person(id: string, roles: string[], groups: string[] = []): Principal {
  return { id, kind: 'user', roles: new Set(roles) as Principal['roles'], groups: new Set(groups) };
}

const carol = person('carol', ['requester']);
const nina = person('nina', ['agent'], ['network']);
const dave = person('dave', ['agent'], ['database']);
const incident = {
  callerId: 'carol',
  openedBy: 'sam',
  assignmentGroup: 'network',
  assignee: null,
};

describe('who may see and work an incident', () => {
  it('shows it to its caller and to its group, not to agents of other groups', () => {
    expect(mayView(carol, incident)).toBe(true);
    expect(mayView(nina, incident)).toBe(true);
    expect(mayView(dave, incident)).toBe(false);
  });

  it('lets its group work it, never its caller', () => {
    expect(mayWork(nina, incident)).toBe(true);
    expect(mayWork(carol, incident)).toBe(false);
  });
});

describe('a requester raising an incident', () => {
  it('may describe it and set its urgency', () => {
    expect(requesterCreateRefusals({ callerId: 'carol' }, carol)).toEqual([]);
  });

  it('may not set what the service desk decides, naming each field', () => {
    const refused = requesterCreateRefusals(
      { impact: 1, assignmentGroup: 'network', tags: ['vip'], channel: 'service_desk' },
      carol,
    );
    expect(refused.map((error) => error.field)).toEqual([
      'impact',
      'assignmentGroup',
      'tags',
      'channel',
    ]);
  });

  it('may raise incidents for nobody but themselves', () => {
    expect(requesterCreateRefusals({ callerId: 'bob' }, carol)).toEqual([
      { field: 'callerId', message: 'you can raise incidents for yourself only' },
    ]);
  });
});

describe("the caller's own moves", () => {
  it('cancels their incident while it is new, and nothing else then', () => {
    expect(callerMayMove(carol, { callerId: 'carol', state: 'new' }, 'canceled')).toBe(true);
    expect(callerMayMove(carol, { callerId: 'carol', state: 'new' }, 'resolved')).toBe(false);
  });

  it('accepts or rejects a resolution: close, or reopen', () => {
    const resolved = { callerId: 'carol', state: 'resolved' as const };
    expect(callerMayMove(carol, resolved, 'closed')).toBe(true);
    expect(callerMayMove(carol, resolved, 'in_progress')).toBe(true);
  });

  it('moves nothing on somebody else’s incident, nor while it is being worked', () => {
    expect(callerMayMove(carol, { callerId: 'bob', state: 'resolved' }, 'closed')).toBe(false);
    expect(callerMayMove(carol, { callerId: 'carol', state: 'in_progress' }, 'canceled')).toBe(
      false,
    );
  });
});
