import { canSee, canWork, type Principal } from '@itsm/auth/rules';

/** Who a request belongs to: a requester sees their own; catalog managers see all. */
export const mayViewRequest = (
  caller: Principal,
  request: { requestedBy: string; requestedFor: string },
) => canSee(caller, 'catalog', { requesters: [request.requestedBy, request.requestedFor] });

/** Fulfillers see and work the tasks of their groups; catalog managers all of them. */
export const mayWorkTask = (caller: Principal, task: { assignmentGroup: string }) =>
  canWork(caller, 'catalog', { requesters: [], assignmentGroup: task.assignmentGroup });
