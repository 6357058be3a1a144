import { Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { decodeCursor, pageOf } from '@itsm/http';
import { DataSource } from 'typeorm';
import { problemView, type ProblemView } from './problem-view';
import type { ListProblemsQuery } from './problem.dto';
import { Problem } from './problem.entity';
import { loadVisibleProblem } from './visible-problem';

/** Reading and listing problems. Changes are the use cases'. */
@Injectable()
export class ProblemsService {
  constructor(private readonly dataSource: DataSource) {}

  async get(id: string, caller: Principal): Promise<ProblemView> {
    return problemView(await loadVisibleProblem(this.dataSource.manager, id, caller));
  }

  /** Newest first; `q` matches the words of the problem (its search vector) or its number. */
  async list(query: ListProblemsQuery) {
    const builder = this.dataSource.manager
      .createQueryBuilder(Problem, 'p')
      .orderBy('p.opened_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .take(query.limit + 1);
    if (query.state?.length) builder.andWhere('p.state IN (:...states)', { states: query.state });
    if (query.ci) builder.andWhere('p.configuration_item_id = :ci', { ci: query.ci });
    if (query.service) builder.andWhere('p.service_id = :service', { service: query.service });
    if (query.category) builder.andWhere('p.category = :category', { category: query.category });
    if (query.assignmentGroup)
      builder.andWhere('p.assignment_group = :group', { group: query.assignmentGroup });
    if (query.knownError !== undefined)
      builder.andWhere('p.known_error = :knownError', { knownError: query.knownError });
    if (query.q) {
      builder.andWhere(
        `(p.search_vector @@ websearch_to_tsquery('english', :q) OR p.number = upper(trim(:q)))`,
        { q: query.q },
      );
    }
    if (query.cursor) {
      const after = decodeCursor(query.cursor, { openedAt: 'timestamp', id: 'uuid' });
      builder.andWhere('(p.opened_at, p.id) < (:openedAt::timestamptz, :afterId::uuid)', {
        openedAt: after.openedAt,
        afterId: after.id,
      });
    }
    const page = pageOf(await builder.getMany(), query.limit, (p) => ({
      openedAt: p.openedAt.toISOString(),
      id: p.id,
    }));
    return { ...page, items: page.items.map(problemView) };
  }
}
