import type { Principal } from '@itsm/auth/rules';
import type { Role } from '@itsm/auth/rules';
import { mayViewRequest, mayWorkTask } from './request-access';

const person = (id: string, roles: Role[], groups: string[] = []): Principal => ({
  id,
  kind: 'user',
  roles: new Set(roles),
  groups: new Set(groups),
});
const alice = person('alice', ['requester']);
const bob = person('bob', ['requester']);
const nina = person('nina', ['agent', 'requester'], ['network']);
const kate = person('kate', ['catalog_manager', 'agent'], ['service-desk']);

describe('who sees requests and works catalog tasks', () => {
  it('shows a requester their own requests only, and a catalog manager all', () => {
    const request = { requestedBy: 'alice', requestedFor: 'alice' };
    expect(mayViewRequest(alice, request)).toBe(true);
    expect(mayViewRequest(bob, request)).toBe(false);
    expect(mayViewRequest(nina, request)).toBe(false);
    expect(mayViewRequest(kate, request)).toBe(true);
    expect(mayViewRequest(bob, { requestedBy: 'alice', requestedFor: 'bob' })).toBe(true);
  });

  it("lets agents work their groups' tasks, catalog managers every task, requesters none", () => {
    expect(mayWorkTask(nina, { assignmentGroup: 'network' })).toBe(true);
    expect(mayWorkTask(nina, { assignmentGroup: 'database' })).toBe(false);
    expect(mayWorkTask(kate, { assignmentGroup: 'database' })).toBe(true);
    expect(mayWorkTask(alice, { assignmentGroup: 'network' })).toBe(false);
  });
});
