import { createContext, Script } from 'node:vm';

/**
 * How long checking one request's answers may take, all its cart lines together. A catalog manager's pattern may backtrack
 * catastrophically (`^(a+)+$` takes minutes on 40 characters), and a requester chooses the text: the
 * check is stopped at this budget rather than holding the service's only thread. Sound answers take
 * well under a millisecond.
 */
export const FORM_CHECK_BUDGET_MS = 50;

const runner = new Script('run()');
const context = createContext({ run: undefined });

export const OVER_BUDGET = Symbol('over budget');

/**
 * Runs `work` and stops it once it has taken `ms`. V8 interrupts a running regular expression too
 * (node:vm's timeout terminates whatever the thread executes), which no check inside `work` could.
 * Costs about 0.2 ms (a watchdog thread), so callers use it only where a pattern is involved.
 */
export function withinBudget<T>(work: () => T, ms: number): T | typeof OVER_BUDGET {
  context.run = work;
  try {
    return runner.runInContext(context, { timeout: ms }) as T;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return OVER_BUDGET;
    throw error;
  } finally {
    context.run = undefined;
  }
}
