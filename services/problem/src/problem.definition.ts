import { defineService } from '@itsm/runtime';
import { DetectionModule } from './detection/detection.module';
import { HistoryModule } from './history/history.module';
import { IncidentEventsModule } from './incident-events/incident-events.module';
import { KnownErrorsModule } from './known-errors/known-errors.module';
import { LinkedIncidentsModule } from './linked-incidents/linked-incidents.module';
import { MetricsModule } from './metrics/metrics.module';
import { CreateProblems1766000000000 } from './migrations/1766000000000-create-problems';
import { LinkedIncidents1766100000000 } from './migrations/1766100000000-linked-incidents';
import { Problem } from './problems/problem.entity';
import { ProblemsModule } from './problems/problems.module';

export const definition = defineService({
  practice: 'problem',
  title: 'Problem management',
  description:
    'Finds and removes the causes of incidents: problems, root cause analysis, the known-error database.',
  version: '0.2.0',
  modules: [
    ProblemsModule,
    KnownErrorsModule,
    LinkedIncidentsModule,
    DetectionModule,
    IncidentEventsModule,
    HistoryModule,
    MetricsModule,
  ],
  entities: [Problem],
  migrations: [CreateProblems1766000000000, LinkedIncidents1766100000000],
});
