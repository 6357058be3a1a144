import { defineService } from '@itsm/runtime';
import { ChangeCandidatesModule } from './change-candidates/change-candidates.module';
import { CmdbModule } from './cmdb/cmdb.module';
import { HistoryModule } from './history/history.module';
import { Incident } from './incidents/incident.entity';
import { IncidentsModule } from './incidents/incidents.module';
import { MajorModule } from './major/major.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotesModule } from './notes/notes.module';
import { CreateIncidents1764800000000 } from './migrations/1764800000000-create-incidents';
import { SlaRepair1764900000000 } from './migrations/1764900000000-sla-repair';
import { IncidentTags1765000000000 } from './migrations/1765000000000-incident-tags';
import { SlaRepairDeferred1765100000000 } from './migrations/1765100000000-sla-repair-deferred';
import { ChangeCandidates1765200000000 } from './migrations/1765200000000-change-candidates';
import { PriorityModule } from './priority/priority.module';
import { ProblemsModule } from './problems/problems.module';
import { SlaModule } from './sla/sla.module';
import { TimersModule } from './timers/timers.module';

export const definition = defineService({
  practice: 'incident',
  title: 'Incident management',
  description:
    'Restores normal service as quickly as possible: incidents, priority, SLA clocks, major incidents.',
  version: '0.2.0',
  modules: [
    IncidentsModule,
    NotesModule,
    HistoryModule,
    PriorityModule,
    SlaModule,
    MajorModule,
    CmdbModule,
    ProblemsModule,
    TimersModule,
    MetricsModule,
    ChangeCandidatesModule,
  ],
  entities: [Incident],
  migrations: [
    CreateIncidents1764800000000,
    SlaRepair1764900000000,
    IncidentTags1765000000000,
    SlaRepairDeferred1765100000000,
    ChangeCandidates1765200000000,
  ],
});
