import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { NotesModule } from '../notes/notes.module';
import { ProblemEventsController } from './problem-events.controller';
import { RecordProblemLink } from './use-cases/record-problem-link';
import { ResumeOnFix } from './use-cases/resume-on-fix';
import { ShareWorkaround } from './use-cases/share-workaround';

/** Problem management's events applied to incidents: links, workarounds, fixes (flow 4). */
@Module({
  imports: [IncidentsModule, NotesModule],
  controllers: [ProblemEventsController],
  providers: [RecordProblemLink, ShareWorkaround, ResumeOnFix],
})
export class ProblemsModule {}
