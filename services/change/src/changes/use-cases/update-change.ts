import { Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { validationProblem } from '@itsm/http';
import { isEnded } from '../domain/change-states';
import { missingFields, windowErrors } from '../domain/change-requirements';
import { changeEnded, templateFieldErrors } from '../change-refusals';
import type { ChangeView } from '../change-view';
import type { UpdateChangeRequest } from '../change.dto';
import { ChangeWriter } from '../change-writer';

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
 * starts, and nothing the change's state requires may be cleared.
 */
@Injectable()
export class UpdateChange {
  constructor(private readonly writer: ChangeWriter) {}

  execute(
    id: string,
    request: UpdateChangeRequest,
    version: number,
    caller: Principal,
  ): Promise<ChangeView> {
    return this.writer.change(id, version, caller, async (_manager, change) => {
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
    });
  }
}
