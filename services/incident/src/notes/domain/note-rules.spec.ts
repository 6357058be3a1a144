import type { Principal } from '@itsm/auth/rules';
import { mayWriteNote, readableNoteKinds } from './note-rules';

function person(id: string, roles: string[], groups: string[] = []): Principal {
  return { id, kind: 'user', roles: new Set(roles) as Principal['roles'], groups: new Set(groups) };
}

const incident = { requesters: ['carol'], assignmentGroup: 'network', assignee: null };
const caller = person('carol', ['requester']);
const networkAgent = person('nina', ['agent'], ['network']);
const otherAgent = person('dave', ['agent'], ['database']);
const manager = person('mona', ['incident_manager']);

describe('work notes and comments', () => {
  it('lets the people working the incident write work notes', () => {
    expect(mayWriteNote(networkAgent, incident, 'work_note')).toBe(true);
    expect(mayWriteNote(manager, incident, 'work_note')).toBe(true);
  });

  it('refuses work notes to the caller and to agents of other groups', () => {
    expect(mayWriteNote(caller, incident, 'work_note')).toBe(false);
    expect(mayWriteNote(otherAgent, incident, 'work_note')).toBe(false);
  });

  it('lets anybody who may see the incident comment on it', () => {
    expect(mayWriteNote(caller, incident, 'comment')).toBe(true);
  });

  it('shows work notes to agents and managers, and only comments to a requester', () => {
    expect(readableNoteKinds(networkAgent)).toEqual(['work_note', 'comment']);
    expect(readableNoteKinds(manager)).toEqual(['work_note', 'comment']);
    expect(readableNoteKinds(caller)).toEqual(['comment']);
  });
});
