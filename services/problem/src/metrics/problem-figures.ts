import { Injectable, type OnModuleInit } from '@nestjs/common';
import { metrics } from '@opentelemetry/api';
import { DataSource } from 'typeorm';

/**
 * Problems and known errors by service (DOMAIN.md's continual improvement), as Prometheus gauges:
 * problems by business service and state, and the mean time from opening to known error. Part 2
 * adds the incident figures (incidents per problem, share linked to a known error).
 */
@Injectable()
export class ProblemFigures implements OnModuleInit {
  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    const meter = metrics.getMeter('@itsm/problem');
    const problems = meter.createObservableGauge('itsm_problem_problems', {
      description: 'Problems by business service (`none` without one), state and known error',
    });
    const timeToKnownError = meter.createObservableGauge(
      'itsm_problem_mean_time_to_known_error_seconds',
      {
        description:
          'Mean time from opening to known error, problems published in the last 30 days',
        unit: 's',
      },
    );
    meter.addBatchObservableCallback(
      async (observer) => {
        const [counts, [mean]] = await Promise.all([
          this.dataSource.query(
            `SELECT coalesce(service_id::text, 'none') AS service, state, known_error,
                    count(*)::int AS count
               FROM problems GROUP BY 1, 2, 3`,
          ) as Promise<
            Array<{ service: string; state: string; known_error: boolean; count: number }>
          >,
          this.dataSource.query(
            `SELECT avg(extract(epoch FROM known_error_at - opened_at)) AS seconds FROM problems
              WHERE known_error AND known_error_at > now() - interval '30 days'`,
          ) as Promise<Array<{ seconds: string | null }>>,
        ]);
        for (const row of counts) {
          observer.observe(problems, row.count, {
            service: row.service,
            state: row.state,
            known_error: String(row.known_error),
          });
        }
        if (mean?.seconds != null) {
          observer.observe(timeToKnownError, Math.round(Number(mean.seconds)));
        }
      },
      [problems, timeToKnownError],
    );
  }
}
