import type { Principal } from './principal';
import {
  canReadWorkNotes,
  canSee,
  canWork,
  recordScope,
  scopeCondition,
  type RecordParties,
} from './record-access';
import { visibleOr404 } from './record-not-found';
import type { Role } from './roles';

const person = (id: string, roles: Role[], groups: string[] = []): Principal => ({
  id,
  kind: 'user',
  roles: new Set(roles),
  groups: new Set(groups),
});

const alice = person('alice', ['requester']);
const bob = person('bob', ['requester']);
const sam = person('sam', ['requester', 'agent'], ['service-desk']);
const nina = person('nina', ['requester', 'agent'], ['network']);
const ivy = person('ivy', ['requester', 'incident_manager']);
const chloe = person('chloe', ['requester', 'change_manager']);
const ada = person('ada', ['admin']);

const alicesIncident: RecordParties = {
  requesters: ['alice', null],
  assignmentGroup: 'service-desk',
  assignee: null,
};

describe('record-level access', () => {
  it('lets requesters see their own records only', () => {
    expect(canSee(alice, 'incident', alicesIncident)).toBe(true);
    expect(canSee(bob, 'incident', alicesIncident)).toBe(false);
  });

  it("lets agents see their groups' records and those assigned to them, not others", () => {
    expect(canSee(sam, 'incident', alicesIncident)).toBe(true);
    expect(canSee(nina, 'incident', alicesIncident)).toBe(false);
    expect(canSee(nina, 'incident', { ...alicesIncident, assignee: 'nina' })).toBe(true);
  });

  it("lets a practice's manager see all of its records, and not another practice's", () => {
    expect(canSee(ivy, 'incident', alicesIncident)).toBe(true);
    expect(canSee(chloe, 'incident', alicesIncident)).toBe(false);
    expect(canSee(chloe, 'change', alicesIncident)).toBe(true);
    expect(canSee(ada, 'catalog', alicesIncident)).toBe(true);
  });

  it('group membership alone does not make a requester an agent', () => {
    const member = person('mo', ['requester'], ['service-desk']);
    expect(canSee(member, 'incident', alicesIncident)).toBe(false);
    expect(canWork(member, 'incident', alicesIncident)).toBe(false);
  });

  it('lets only agents of the group, the assignee and managers work a record', () => {
    expect(canWork(alice, 'incident', alicesIncident)).toBe(false);
    expect(canWork(sam, 'incident', alicesIncident)).toBe(true);
    expect(canWork(nina, 'incident', alicesIncident)).toBe(false);
    expect(canWork(ivy, 'incident', alicesIncident)).toBe(true);
  });

  it('never shows work notes to a requester', () => {
    expect(canReadWorkNotes(alice, 'incident')).toBe(false);
    expect(canReadWorkNotes(sam, 'incident')).toBe(true);
    expect(canReadWorkNotes(chloe, 'change')).toBe(true);
    expect(canReadWorkNotes(chloe, 'incident')).toBe(false);
  });

  it('answers a record the caller may not see exactly like one that does not exist', () => {
    const parties = (record: RecordParties) => record;
    const hidden = () => visibleOr404(bob, 'incident', 'incident', 'INC1', alicesIncident, parties);
    const missing = () => visibleOr404(bob, 'incident', 'incident', 'INC1', null, parties);
    const problemOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as { problem: unknown }).problem;
      }
      throw new Error('expected a 404');
    };
    expect(problemOf(hidden)).toEqual(problemOf(missing));
    expect(problemOf(hidden)).toMatchObject({ status: 404 });
  });

  it('turns the scope into a SQL condition for lists', () => {
    expect(scopeCondition(recordScope(ivy, 'incident'), { requesters: ['i.opened_by'] })).toBe(
      undefined,
    );
    expect(
      scopeCondition(recordScope(sam, 'incident'), {
        requesters: ['i.opened_by', 'i.caller'],
        assignmentGroup: 'i.assignment_group',
        assignee: 'i.assignee',
      }),
    ).toEqual({
      where:
        '(i.opened_by = :scopeUser OR i.caller = :scopeUser OR i.assignee = :scopeUser OR i.assignment_group = ANY(:scopeGroups))',
      parameters: { scopeUser: 'sam', scopeGroups: ['service-desk'] },
    });
    expect(
      scopeCondition(recordScope(alice, 'incident'), {
        requesters: ['i.opened_by'],
        assignmentGroup: 'i.assignment_group',
      }),
    ).toEqual({
      where: '(i.opened_by = :scopeUser)',
      parameters: { scopeUser: 'alice', scopeGroups: [] },
    });
    expect(scopeCondition(recordScope(alice, 'configuration'), { requesters: [] })?.where).toBe(
      'FALSE',
    );
  });
});
