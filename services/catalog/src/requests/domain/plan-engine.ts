import type { CatalogTaskState } from './fulfilment-states';

/** A step of an item version's plan, as the engine sees it. */
export interface PlannedStep {
  stage: number;
  shortDescription: string;
  assignmentGroup: string;
}

/** A task already made for a requested item, with the stage of the plan it came from. */
export interface MadeTask {
  stage: number;
  state: CatalogTaskState;
}

/** What the plan asks for now: nothing yet, the next stage's tasks, or the item is fulfilled. */
export type PlanProgress =
  | { kind: 'waiting' }
  | { kind: 'start'; stage: number; steps: PlannedStep[] }
  | { kind: 'fulfilled' };

/**
 * The fulfilment plan as a sequence of stages whose tasks run in parallel: the next stage starts
 * when every task of the one before is done, and the item is fulfilled when the last one is.
 * Nothing made yet starts stage 1. A cancelled task stops the plan: only cancelling the item ends it.
 */
export function planProgress(
  plan: readonly PlannedStep[],
  made: readonly MadeTask[],
): PlanProgress {
  const current = Math.max(0, ...made.map((t) => t.stage));
  const ofCurrent = made.filter((t) => t.stage === current);
  const planned = plan.filter((s) => s.stage === current).length;
  const done = ofCurrent.filter((t) => t.state === 'done').length;
  // Every task of the stage made and done; one cancelled or still open holds the plan.
  if (done < planned || done < ofCurrent.length) {
    return { kind: 'waiting' };
  }
  const next = plan.filter((s) => s.stage === current + 1);
  return next.length > 0
    ? { kind: 'start', stage: current + 1, steps: next }
    : { kind: 'fulfilled' };
}
