import { Module } from '@nestjs/common';
import { HistoryController } from '../history/history.controller';
import { MajorIncidentRule } from '../major/major-incident.rule';
import { NotesController } from '../notes/notes.controller';
import { NotesService } from '../notes/notes.service';
import { PriorityModule } from '../priority/priority.module';
import { SlaModule } from '../sla/sla.module';
import { IncidentChangesService } from './incident-changes.service';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';

@Module({
  imports: [PriorityModule, SlaModule],
  controllers: [IncidentsController, NotesController, HistoryController],
  providers: [IncidentsService, IncidentChangesService, MajorIncidentRule, NotesService],
  exports: [IncidentsService, IncidentChangesService, MajorIncidentRule, NotesService],
})
export class IncidentsModule {}
