import {
  slaClock,
  type SlaClock,
  type SlaDefinition,
  type SubjectPhase,
  type TimelinePoint,
} from '@itsm/sla';
import type { IncidentState } from '../../incidents/domain/incident-states';
import type { Priority } from '../../priority/domain/priority-matrix';

/** response: until the incident is acknowledged; resolution: until it is resolved. */
export type IncidentSlaTarget = 'response' | 'resolution';

export interface IncidentSlaDefinition extends SlaDefinition<IncidentSlaTarget> {
  /** The start condition: the incident's priority is one of these. */
  priorities: Priority[];
  pauseOnHold: boolean;
}

/** The incident's situation from `at` on, until the next point. */
export interface IncidentTimelinePoint extends TimelinePoint {
  state: IncidentState;
  priority: Priority;
  /** First assigned to a person or moved to in_progress. */
  acknowledged: boolean;
}

/** Points in order of `at`; the first is the opening. Of points sharing an instant, the last holds. */
export type IncidentTimeline = readonly IncidentTimelinePoint[];

/**
 * The clock of one definition over an incident's history as known at `now` (`slaClock`): it
 * applies while the incident's priority is one of the definition's, judged at the resolution for a
 * resolved incident.
 */
export function incidentSlaClock(
  definition: IncidentSlaDefinition,
  timeline: IncidentTimeline,
  now: Date,
): SlaClock {
  return slaClock(definition, timeline, now, {
    phaseOf: (point) => phaseOf(definition, point),
    holds: (point) => definition.priorities.includes(point.priority),
  });
}

function phaseOf(definition: IncidentSlaDefinition, point: IncidentTimelinePoint): SubjectPhase {
  if (point.state === 'canceled') return 'canceled';
  if (definition.target === 'response') {
    // An incident resolved or closed without an acknowledgement has been responded to all the same.
    if (point.acknowledged || ['in_progress', 'resolved', 'closed'].includes(point.state)) {
      return 'met';
    }
  } else if (point.state === 'closed') {
    return 'met';
  } else if (point.state === 'resolved') {
    // Until a reopening.
    return 'stopped';
  }
  return point.state === 'on_hold' && definition.pauseOnHold ? 'paused' : 'counting';
}
