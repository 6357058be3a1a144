import { defineService } from '@itsm/runtime';
import { HistoryModule } from './history/history.module';
import { KnownErrorsModule } from './known-errors/known-errors.module';
import { MetricsModule } from './metrics/metrics.module';
import { CreateProblems1766000000000 } from './migrations/1766000000000-create-problems';
import { Problem } from './problems/problem.entity';
import { ProblemsModule } from './problems/problems.module';

export const definition = defineService({
  practice: 'problem',
  title: 'Problem management',
  description:
    'Finds and removes the causes of incidents: problems, root cause analysis, the known-error database.',
  version: '0.2.0',
  modules: [ProblemsModule, KnownErrorsModule, HistoryModule, MetricsModule],
  entities: [Problem],
  migrations: [CreateProblems1766000000000],
});
