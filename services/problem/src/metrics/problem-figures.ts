import { Injectable, type OnModuleInit } from '@nestjs/common';
import { metrics } from '@opentelemetry/api';
import { DataSource } from 'typeorm';

/**
 * Problems and known errors by service (DOMAIN.md's continual improvement), as Prometheus gauges:
 * problems by business service and state, the mean time from opening to known error, incidents per
 * problem and the share of incidents linked to a known error (from the incident projection).
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
    const incidentsPerProblem = meter.createObservableGauge('itsm_problem_incidents_per_problem', {
      description: 'Mean number of incidents linked to a problem, over the problems with any',
    });
    const knownErrorShare = meter.createObservableGauge(
      'itsm_problem_incidents_linked_to_known_error_ratio',
      {
        description: 'Share of the known incidents (0–1) linked to a problem that is a known error',
      },
    );
    meter.addBatchObservableCallback(
      async (observer) => {
        const [counts, [mean], [incidents]] = await Promise.all([
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
          this.dataSource.query(
            `SELECT count(i.problem_id)::float / nullif(count(DISTINCT i.problem_id), 0) AS per_problem,
                    count(*) FILTER (WHERE p.known_error)::float / nullif(count(*), 0) AS known_error_share
               FROM incident_projection i LEFT JOIN problems p ON p.id = i.problem_id`,
          ) as Promise<Array<{ per_problem: number | null; known_error_share: number | null }>>,
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
        if (incidents?.per_problem != null) {
          observer.observe(incidentsPerProblem, incidents.per_problem);
        }
        if (incidents?.known_error_share != null) {
          observer.observe(knownErrorShare, incidents.known_error_share);
        }
      },
      [problems, timeToKnownError, incidentsPerProblem, knownErrorShare],
    );
  }
}
