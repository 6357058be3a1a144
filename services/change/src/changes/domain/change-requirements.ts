import type { FieldError } from '@itsm/http';
import type { ChangeState } from './change-states';

/** The fields of a change that a state may require. */
export interface PlannedWork {
  justification: string | null;
  implementationPlan: string | null;
  backoutPlan: string | null;
  testPlan: string | null;
  plannedStart: Date | null;
  plannedEnd: Date | null;
  affectedCiIds: readonly string[];
}
export type RequiredField = keyof PlannedWork;

/**
 * What assessment reads: why, how, on which CIs (impact, incident history, past failures) and when
 * (outside business hours or not).
 */
const TO_ASSESS: readonly RequiredField[] = [
  'justification',
  'implementationPlan',
  'affectedCiIds',
  'plannedStart',
  'plannedEnd',
];
/** Approvers judge the whole plan: also how to undo it and how to prove it worked. */
const TO_AUTHORIZE: readonly RequiredField[] = [...TO_ASSESS, 'backoutPlan', 'testPlan'];

/**
 * The fields a change must have to be in each state. Later states keep Authorize's set, so a
 * standard change (whose template gives the plans) or an emergency reaches Scheduled complete.
 */
export const REQUIRED_FIELDS: Record<ChangeState, readonly RequiredField[]> = {
  new: [],
  assess: TO_ASSESS,
  authorize: TO_AUTHORIZE,
  scheduled: TO_AUTHORIZE,
  implement: TO_AUTHORIZE,
  review: TO_AUTHORIZE,
  closed: TO_AUTHORIZE,
  canceled: [],
};

const NAMES: Record<RequiredField, string> = {
  justification: 'a justification',
  implementationPlan: 'an implementation plan',
  backoutPlan: 'a backout plan',
  testPlan: 'a test plan',
  plannedStart: 'a planned start',
  plannedEnd: 'a planned end',
  affectedCiIds: 'at least one affected CI',
};

function isMissing(work: PlannedWork, field: RequiredField): boolean {
  const value = work[field];
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'string') return value.trim() === '';
  return value === null;
}

/** Each field the change lacks to be in `state`, named. */
export function missingFields(state: ChangeState, work: PlannedWork): FieldError[] {
  return REQUIRED_FIELDS[state]
    .filter((field) => isMissing(work, field))
    .map((field) => ({ field, message: `${state} needs ${NAMES[field]}` }));
}

/** A planned window must end after it starts; either end alone is a window still being planned. */
export function windowErrors(work: Pick<PlannedWork, 'plannedStart' | 'plannedEnd'>): FieldError[] {
  const { plannedStart: start, plannedEnd: end } = work;
  if (!start || !end || end.getTime() > start.getTime()) return [];
  const message = `the planned window must end after it starts (${start.toISOString()} – ${end.toISOString()})`;
  return [
    { field: 'plannedStart', message },
    { field: 'plannedEnd', message },
  ];
}
