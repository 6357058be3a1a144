import { canReadWorkNotes, canWork, type Principal, type RecordParties } from '@itsm/auth/rules';

export const NOTE_KINDS = ['work_note', 'comment'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/**
 * Work notes are internal: the people working the incident write them. Comments are the
 * conversation with the caller: everyone who may see the incident writes them.
 */
export function mayWriteNote(caller: Principal, incident: RecordParties, kind: NoteKind): boolean {
  return kind === 'comment' || canWork(caller, 'incident', incident);
}

/** Agents and managers read every note; a requester reads the comments only. */
export function readableNoteKinds(caller: Principal): readonly NoteKind[] {
  return canReadWorkNotes(caller, 'incident') ? NOTE_KINDS : ['comment'];
}
