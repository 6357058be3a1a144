import { Injectable } from '@nestjs/common';
import { validationProblem } from '@itsm/http';
import { withAuditActor } from '@itsm/persistence';
import { DataSource } from 'typeorm';
import { ClassesService } from '../classes/classes.service';
import { CiIndex } from './domain/ci-index';
import { importSummary, type ImportContext } from './domain/import-plan';
import { identitiesOf, possibleReferences } from './domain/import-record';
import { planRecords } from './domain/plan-records';
import { planRelationships, relationshipSourceIds } from './domain/plan-relationships';
import { timeOrderedUuid } from './domain/time-ordered-id';
import type { ImportRequest } from './import.schema';
import { classesOfCis, dataSourceRanks, loadMatchingCis, relationshipFacts } from './import-reads';
import { ImportWriter } from './import-writer';
import { takeImportTurn } from '../cis/identity-locks';

/**
 * Imports a batch from a data source: reads what the batch can match, plans every record and
 * relationship (the pure planner in `domain/`), and writes the plan in one transaction, in bulk.
 * Nothing is written for a dry run.
 */
@Injectable()
export class RunImport {
  constructor(
    private readonly dataSource: DataSource,
    private readonly classes: ClassesService,
    private readonly writer: ImportWriter,
  ) {}

  async execute(request: ImportRequest) {
    const actor = `source:${request.dataSource}`;
    return withAuditActor(actor, () =>
      this.dataSource.transaction(async (manager) => {
        // One batch at a time, and no API write of an identifier meanwhile: never one CI twice.
        await takeImportTurn(manager);
        const ranks = await dataSourceRanks(manager);
        if (!ranks.has(request.dataSource)) {
          throw validationProblem([
            {
              field: 'dataSource',
              message: 'dataSource must name a data source',
              allowed: [...ranks.keys()],
            },
          ]);
        }
        const hierarchy = await this.classes.hierarchy(manager);
        const cis = new CiIndex(hierarchy);
        await loadMatchingCis(manager, cis, identitiesOf(hierarchy, request.records));

        const context: ImportContext = {
          source: request.dataSource,
          actor,
          hierarchy,
          cis,
          rankOf: (source) => ranks.get(source) ?? 0,
          newId: timeOrderedUuid,
          referencedCis: await classesOfCis(manager, possibleReferences(request.records)),
        };
        const { plan, results } = planRecords(request.records, context);
        const sourceIds = relationshipSourceIds(request.records, results);
        if (sourceIds.length > 0) {
          // A CI the batch creates has no relationships yet: only the others' are read.
          const existing = sourceIds.filter((id) => !plan.created.has(id));
          const facts = await relationshipFacts(manager, existing);
          planRelationships(request.records, results, plan, context, facts);
        }
        if (request.dryRun !== true) await this.writer.write(manager, plan, hierarchy, actor);
        return {
          dataSource: request.dataSource,
          dryRun: request.dryRun ?? false,
          summary: importSummary(results, plan),
          records: results,
        };
      }),
    );
  }
}
