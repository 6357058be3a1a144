import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OPEN_STATES } from '../../incidents/domain/incident-states';
import { Incident, INCIDENT_ROW_LOCK } from '../../incidents/incident.entity';
import { NotesService } from '../../notes/notes.service';
import { PROBLEM_ACTOR, workaroundNote } from '../domain/problem-outcomes';

/**
 * Flow 4: a known error's workaround reaches every open incident of its problem as a work note,
 * once: an incident that has the very note already (the same publication applied twice) gets no
 * second one; a changed workaround is news, and is noted.
 */
@Injectable()
export class ShareWorkaround {
  constructor(private readonly notes: NotesService) {}

  async execute(
    manager: EntityManager,
    knownError: {
      id: string;
      number: string;
      shortDescription: string;
      cause: string;
      workaround: string;
    },
  ): Promise<number> {
    const incidents = await manager
      .createQueryBuilder(Incident, 'i')
      .where('i.problem_id = :id AND i.state IN (:...open)', {
        id: knownError.id,
        open: OPEN_STATES,
      })
      .orderBy('i.id')
      .setLock(INCIDENT_ROW_LOCK)
      .getMany();
    if (incidents.length === 0) return 0;
    const body = workaroundNote(knownError);
    const noted = (await manager.query(
      `SELECT DISTINCT incident_id FROM incident_notes
        WHERE incident_id = ANY($1::uuid[]) AND author = $2 AND body = $3`,
      [incidents.map((incident) => incident.id), PROBLEM_ACTOR, body],
    )) as Array<{ incident_id: string }>;
    const already = new Set(noted.map((row) => row.incident_id));
    const toNote = incidents.filter((incident) => !already.has(incident.id));
    for (const incident of toNote) {
      await this.notes.add(manager, incident, { kind: 'work_note', body, author: PROBLEM_ACTOR });
    }
    return toNote.length;
  }
}
