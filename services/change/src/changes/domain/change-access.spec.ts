import type { Principal, Role } from '@itsm/auth/rules';
import { createRefusals, isAuthorisingMove, mayView, mayWork } from './change-access';

const person = (id: string, roles: Role[], groups: string[] = []): Principal => ({
  id,
  kind: 'user',
  roles: new Set(roles),
  groups: new Set(groups),
});
const change = {
  requestedBy: 'alice',
  openedBy: 'nina',
  assignmentGroup: 'network',
  assignee: null,
};

describe('who may see and work a change', () => {
  it('lets agents, CAB members and change managers read every change', () => {
    expect(mayView(person('dan', ['agent'], ['database']), change)).toBe(true);
    expect(mayView(person('carl', ['cab_member']), change)).toBe(true);
    expect(mayView(person('chloe', ['change_manager']), change)).toBe(true);
  });

  it('lets a requester read the changes they requested, and no other', () => {
    expect(mayView(person('alice', ['requester']), change)).toBe(true);
    expect(mayView(person('bob', ['requester']), change)).toBe(false);
  });

  it('lets the agents of its group and change managers work it; CAB members only read', () => {
    expect(mayWork(person('nina', ['agent'], ['network']), change)).toBe(true);
    expect(mayWork(person('dan', ['agent'], ['database']), change)).toBe(false);
    expect(mayWork(person('dan', ['agent'], ['database']), { ...change, assignee: 'dan' })).toBe(
      true,
    );
    expect(mayWork(person('cab', ['cab_member'], ['network']), change)).toBe(false);
    expect(mayWork(person('chloe', ['change_manager']), change)).toBe(true);
    expect(mayWork(person('ada', ['admin']), change)).toBe(true);
  });

  it('lets an agent raise changes for their own groups only', () => {
    const nina = person('nina', ['agent'], ['network']);
    expect(createRefusals(nina, 'network')).toEqual([]);
    expect(createRefusals(nina, 'database').map((e) => e.field)).toEqual(['assignmentGroup']);
    expect(createRefusals(nina, undefined).map((e) => e.field)).toEqual(['assignmentGroup']);
    expect(createRefusals(person('chloe', ['change_manager']), undefined)).toEqual([]);
  });

  it('treats the forward moves out of Assess and Authorize as authorising', () => {
    expect(isAuthorisingMove('assess', 'authorize')).toBe(true);
    expect(isAuthorisingMove('authorize', 'scheduled')).toBe(true);
    expect(isAuthorisingMove('authorize', 'new')).toBe(false);
    expect(isAuthorisingMove('assess', 'canceled')).toBe(false);
    expect(isAuthorisingMove('new', 'scheduled')).toBe(false);
  });
});
