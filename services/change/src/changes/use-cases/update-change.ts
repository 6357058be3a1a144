import { Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { validationProblem } from '@itsm/http';
import { isEnded } from '../domain/change-states';
import { missingFields, windowErrors } from '../domain/change-requirements';
import { needsSchedulingCheck, plannedEditRefusal } from '../domain/planned-edits';
import { changeEnded, plannedEditRefused, templateFieldErrors } from '../change-refusals';
import type { ChangeView } from '../change-view';
import type { UpdateChangeRequest } from '../change.dto';
import { ChangeWriter, snapshotOf } from '../change-writer';
import { SchedulingCheck } from '../scheduling-check';
import { impactFor, isAssessing, sameCis } from '../../risk/domain/impact-match';
import { RiskAssessor } from '../../risk/risk-assessor';

/** The fields a PATCH sets as given (null clears). */
const TEXT_FIELDS = [
  'shortDescription',
  'description',
  'justification',
  'implementationPlan',
  'backoutPlan',
  'testPlan',
  'affectedCiIds',
  'assignmentGroup',
  'assignee',
  'requestedBy',
] as const;

/**
 * Changes a change's fields, plans, window, CIs and assignment: the window must end after it
 * starts, and nothing the change's state requires may be cleared. A CI added or removed while the
 * change is assessed re-assesses its risk. From Scheduled on the CIs are those authorised, in
 * Implement the window too; a scheduled change's new window passes the `SchedulingCheck` again.
 */
@Injectable()
export class UpdateChange {
  constructor(
    private readonly writer: ChangeWriter,
    private readonly risk: RiskAssessor,
    private readonly scheduling: SchedulingCheck,
  ) {}

  execute(
    id: string,
    request: UpdateChangeRequest,
    version: number,
    caller: Principal,
  ): Promise<ChangeView> {
    return this.writer.change(id, version, caller, async (manager, change, now) => {
      const before = snapshotOf(change);
      if (isEnded(change.state)) throw changeEnded(change);
      if (change.type === 'standard') {
        const locked = templateFieldErrors(request);
        if (locked.length > 0) throw validationProblem(locked);
      }
      for (const field of TEXT_FIELDS) {
        if (request[field] !== undefined)
          (change as unknown as Record<string, unknown>)[field] = request[field];
      }
      for (const field of ['plannedStart', 'plannedEnd'] as const) {
        const value = request[field];
        if (value !== undefined) change[field] = value === null ? null : new Date(value);
      }
      const errors = [
        ...windowErrors(change),
        ...missingFields(change.state, change).map((error) => ({
          field: error.field,
          message: `${error.message}: it is required while the change is ${change.state}`,
        })),
      ];
      if (errors.length > 0) throw validationProblem(errors);
      const refusal = plannedEditRefusal(change.state, before, change);
      if (refusal) throw plannedEditRefused(change, refusal);
      if (needsSchedulingCheck(change.state, before, change)) {
        const { override } = request;
        await this.scheduling.check(manager, change, { occasion: 'move', override }, caller, now);
      }
      if (sameCis(before.affectedCiIds, change.affectedCiIds)) return;
      // The CMDB answers the new CIs (flow 5); until then the risk assumes the worst of them.
      change.impact = impactFor(change.impact, change.affectedCiIds);
      if (isAssessing(change.state, change.approval)) await this.risk.assess(manager, change, now);
    });
  }
}
