import { CHANGE_STATES, CHANGE_TYPES } from '@itsm/contracts';

export type ChangeState = (typeof CHANGE_STATES)[number];
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** ServiceNow's state codes, so that integrators can map records both ways. */
export const STATE_CODES: Record<ChangeState, number> = {
  new: -5,
  assess: -4,
  authorize: -3,
  scheduled: -2,
  implement: -1,
  review: 0,
  closed: 3,
  canceled: 4,
};

/**
 * The forward path of each type: a standard change is pre-approved (no Assess, no Authorize), an
 * emergency is authorised at once by the emergency CAB (no Assess).
 */
const PATHS: Record<ChangeType, readonly ChangeState[]> = {
  standard: ['new', 'scheduled', 'implement', 'review', 'closed'],
  normal: ['new', 'assess', 'authorize', 'scheduled', 'implement', 'review', 'closed'],
  emergency: ['new', 'authorize', 'scheduled', 'implement', 'review', 'closed'],
};

/** Canceled is possible from any state before Review. */
const CANCELABLE: readonly ChangeState[] = ['new', 'assess', 'authorize', 'scheduled', 'implement'];
/** Assessment and authorisation can send a change back to its author (to rework it). */
const SENT_BACK_FROM: readonly ChangeState[] = ['assess', 'authorize'];
export const ENDED_STATES: readonly ChangeState[] = ['closed', 'canceled'];

export function isEnded(state: ChangeState): boolean {
  return ENDED_STATES.includes(state);
}

export function isSentBack(from: ChangeState, to: ChangeState): boolean {
  return SENT_BACK_FROM.includes(from) && to === 'new';
}

/** The states a change of `type` may move to from `from`, forward first. */
export function allowedNextStates(type: ChangeType, from: ChangeState): ChangeState[] {
  const path = PATHS[type];
  const at = path.indexOf(from);
  const allowed: ChangeState[] = [];
  if (at >= 0 && at < path.length - 1) allowed.push(path[at + 1]!);
  if (SENT_BACK_FROM.includes(from)) allowed.push('new');
  if (CANCELABLE.includes(from)) allowed.push('canceled');
  return allowed;
}

/** The states a change of `type` can ever be in (the list filter and the documents use it). */
export function statesOf(type: ChangeType): readonly ChangeState[] {
  return [...PATHS[type], 'canceled'];
}
