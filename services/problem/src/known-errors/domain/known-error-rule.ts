import type { FieldError } from '@itsm/http';
import type { ProblemState } from '../../problems/domain/problem-states';

/**
 * Once the analysis has found the cause and until the fix is in: before Root Cause Analysis there is
 * no cause to document; a resolved problem's workaround is no longer needed.
 */
export const KNOWN_ERROR_STATES: readonly ProblemState[] = [
  'root_cause_analysis',
  'fix_in_progress',
];

/** What a known error documents: its root cause, and how to live with it until the fix. */
export interface KnownErrorDocumentation {
  cause: string | null;
  workaround: string | null;
}

export type KnownErrorRefusal =
  | { kind: 'state'; state: ProblemState; allowed: readonly ProblemState[] }
  | { kind: 'invalid'; errors: FieldError[] };

/**
 * Why a problem may not be published as a known error (its documentation as it will be saved), or
 * undefined when it may.
 */
export function knownErrorRefusal(
  state: ProblemState,
  documentation: KnownErrorDocumentation,
): KnownErrorRefusal | undefined {
  if (!KNOWN_ERROR_STATES.includes(state)) {
    return { kind: 'state', state, allowed: KNOWN_ERROR_STATES };
  }
  const errors = missingDocumentation(documentation);
  return errors.length > 0 ? { kind: 'invalid', errors } : undefined;
}

/** A known error keeps a cause and a workaround: neither may be blank, nor blanked later. */
export function missingDocumentation(documentation: KnownErrorDocumentation): FieldError[] {
  const errors: FieldError[] = [];
  if (!documentation.cause?.trim()) {
    errors.push({ field: 'cause', message: 'A known error needs its root cause documented' });
  }
  if (!documentation.workaround?.trim()) {
    errors.push({ field: 'workaround', message: 'A known error needs a workaround' });
  }
  return errors;
}

/**
 * Whether a saved change publishes the known error (again): it just became one, or the cause or
 * workaround that agents apply changed. Anything else is a plain update.
 */
export function publishesKnownError(
  before: { knownError: boolean } & KnownErrorDocumentation,
  after: { knownError: boolean } & KnownErrorDocumentation,
): boolean {
  if (!after.knownError) return false;
  return (
    !before.knownError || before.cause !== after.cause || before.workaround !== after.workaround
  );
}
