import { Inject, Injectable } from '@nestjs/common';
import { incidentNoteAdded } from '@itsm/contracts';
import { Outbox } from '@itsm/messaging';
import type { EntityManager } from 'typeorm';
import type { Incident } from '../incidents/incident.entity';
import type { NoteKind } from './domain/note-rules';

export interface NoteRow {
  id: string;
  kind: NoteKind;
  body: string;
  author: string;
  created_at: Date;
}

/** Work notes and comments: stored, and announced (`note_added`) for e-mail and chat integrations. */
@Injectable()
export class NotesService {
  constructor(@Inject(Outbox) private readonly outbox: Outbox) {}

  async add(
    manager: EntityManager,
    incident: Pick<Incident, 'id' | 'number' | 'version' | 'callerId'>,
    note: { kind: NoteKind; body: string; author: string },
  ): Promise<NoteRow> {
    const [row] = (await manager.query(
      `INSERT INTO incident_notes (incident_id, kind, body, author) VALUES ($1, $2, $3, $4)
       RETURNING id::text, kind, body, author, created_at`,
      [incident.id, note.kind, note.body, note.author],
    )) as NoteRow[];
    await this.outbox.publish(manager, incidentNoteAdded, {
      aggregateId: incident.id,
      data: {
        id: incident.id,
        number: incident.number,
        version: incident.version,
        noteId: row!.id,
        kind: note.kind,
        body: note.body,
        author: note.author,
        callerId: incident.callerId,
        addedAt: row!.created_at.toISOString(),
      },
    });
    return row!;
  }

  list(manager: EntityManager, incidentId: string, kinds: readonly NoteKind[]): Promise<NoteRow[]> {
    return manager.query(
      `SELECT id::text, kind, body, author, created_at FROM incident_notes
        WHERE incident_id = $1 AND kind = ANY($2) ORDER BY created_at, id`,
      [incidentId, kinds],
    );
  }
}
