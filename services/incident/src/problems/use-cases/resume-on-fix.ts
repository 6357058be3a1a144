import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { applyTransition } from '../../incidents/domain/incident-transition';
import { Incident, INCIDENT_ROW_LOCK } from '../../incidents/incident.entity';
import { snapshotOf } from '../../incidents/incident-writer';
import { NotesService } from '../../notes/notes.service';
import { fixAppliedNote, PROBLEM_ACTOR, waitsForProblem } from '../domain/problem-outcomes';
import { IncidentWriter } from '../../incidents/incident-writer';

/**
 * Flow 4: the problem is resolved with its fix applied, so its incidents On Hold `awaiting_problem`
 * resume (In Progress, their SLA clocks running again) with a work note saying why.
 */
@Injectable()
export class ResumeOnFix {
  constructor(
    private readonly writer: IncidentWriter,
    private readonly notes: NotesService,
  ) {}

  async execute(manager: EntityManager, problem: { id: string; number: string }): Promise<number> {
    const waiting = await manager
      .createQueryBuilder(Incident, 'i')
      .where(`i.problem_id = :id AND i.state = 'on_hold'`, { id: problem.id })
      .orderBy('i.id')
      .setLock(INCIDENT_ROW_LOCK)
      .getMany();
    const now = new Date();
    const resumed = waiting.filter(waitsForProblem);
    for (const incident of resumed) {
      const before = snapshotOf(incident);
      Object.assign(incident, applyTransition(incident, { to: 'in_progress' }, now));
      const saved = await this.writer.commit(manager, before, incident, {
        actor: PROBLEM_ACTOR,
        now,
        reason: `problem ${problem.number} fixed`,
      });
      await this.notes.add(manager, saved, {
        kind: 'work_note',
        body: fixAppliedNote(problem.number),
        author: PROBLEM_ACTOR,
      });
    }
    return resumed.length;
  }
}
