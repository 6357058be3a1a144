import { runClock, type ClockRun, type Phase } from './clock-run';
import type { Schedule } from './schedule';

export type Priority = 1 | 2 | 3 | 4 | 5;

export type IncidentState = 'new' | 'in_progress' | 'on_hold' | 'resolved' | 'closed' | 'canceled';

export interface SlaDefinition {
  id: string;
  name: string;
  /** response: until the incident is acknowledged; resolution: until it is resolved. */
  target: 'response' | 'resolution';
  /** The start condition: the incident's priority is one of these. */
  priorities: Priority[];
  durationSeconds: number;
  schedule: Schedule;
  pauseOnHold: boolean;
}

/** The incident's situation from `at` on, until the next point. */
export interface TimelinePoint {
  at: Date;
  state: IncidentState;
  priority: Priority;
  /** First assigned to a person or moved to in_progress. */
  acknowledged: boolean;
}

/** Points in order of `at`; the first is the opening. Of points sharing an instant, the last holds. */
export type IncidentTimeline = readonly TimelinePoint[];

export type SlaStage = 'in_progress' | 'paused' | 'achieved' | 'breached' | 'cancelled';

export interface SlaAlert {
  percent: 50 | 75 | 100;
  at: Date;
}

export type SlaClock = { applies: false } | AppliedSlaClock;

export interface AppliedSlaClock {
  applies: true;
  /** breached from the instant 100 % is reached on, whether the clock still runs, pauses or ends. */
  stage: SlaStage;
  /** The incident's opening, also for a definition that came to apply later. */
  startedAt: Date;
  /** Working time counted, in whole seconds (floored). */
  elapsedSeconds: number;
  /** While counting: when 100 % is (or was) reached. Null while paused or ended. */
  dueAt: Date | null;
  /** When the clock stopped: met, cancelled, or resolved (until a reopening). */
  endedAt: Date | null;
  breachedAt: Date | null;
  /** The thresholds passed by now, each at the instant it was passed. */
  alerts: SlaAlert[];
  /** While counting: the next threshold to pass, if nothing changes. */
  nextAlert: SlaAlert | null;
}

/** The definitions whose start condition holds for an incident of this priority. */
export function applicableDefinitions<Definition extends Pick<SlaDefinition, 'priorities'>>(
  definitions: readonly Definition[],
  priority: Priority,
): Definition[] {
  return definitions.filter((definition) => definition.priorities.includes(priority));
}

/**
 * The clock of one definition over an incident's history as known at `now` (later points are
 * ignored): a pure function of its inputs, so replaying the history repairs the clock.
 *
 * The priority condition is judged where the clock stands: at `now`, or at the end if it ended
 * (for a resolution clock that is the resolution). Holding there, the clock counts from the
 * opening, whatever the priority was before. Not holding there but held earlier, the clock was
 * cancelled when the priority last changed away from the definition, keeping what it had passed.
 * Never held: the definition does not apply.
 */
export function slaClock(
  definition: SlaDefinition,
  timeline: IncidentTimeline,
  now: Date,
): SlaClock {
  if (!Number.isInteger(definition.durationSeconds) || definition.durationSeconds <= 0) {
    throw new RangeError(`SLA ${definition.name} needs a target of whole seconds above 0`);
  }
  const points = knownAt(timeline, now);
  const opening = points[0];
  if (!opening) throw new RangeError('The incident was opened after now');
  const phases = points.map((point) => ({
    at: point.at.getTime(),
    phase: phaseOf(definition, point),
  }));
  const lifecycle = runClock(definition, phases, now.getTime());
  const judgedAt = lifecycle.endedAt ?? now.getTime();
  const judged = points.filter((point) => point.at.getTime() <= judgedAt);
  const holds = (point: TimelinePoint) => definition.priorities.includes(point.priority);
  const lastHolding = judged.findLastIndex(holds);
  if (lastHolding === -1) return { applies: false };
  const lost = judged[lastHolding + 1];
  if (!lost) return present(lifecycle, opening.at);
  const withdrawn: Phase = { at: lost.at.getTime(), phase: 'withdrawn' };
  const cancelled = runClock(
    definition,
    [...phases.slice(0, lastHolding + 1), withdrawn],
    now.getTime(),
  );
  return present(cancelled, opening.at);
}

/** The points up to `now`, keeping only the last of several at one instant. */
function knownAt(timeline: IncidentTimeline, now: Date): TimelinePoint[] {
  if (Number.isNaN(now.getTime())) throw new RangeError('Invalid now');
  timeline.forEach((point, index) => {
    const previous = timeline[index - 1];
    if (Number.isNaN(point.at.getTime()) || (previous && point.at < previous.at)) {
      throw new RangeError(`Timeline point ${index} is invalid or out of order`);
    }
  });
  return timeline.filter(
    (point, index) => point.at <= now && timeline[index + 1]?.at.getTime() !== point.at.getTime(),
  );
}

function phaseOf(definition: SlaDefinition, point: TimelinePoint): Phase['phase'] {
  if (point.state === 'canceled') return 'canceled';
  if (definition.target === 'response') {
    // An incident resolved or closed without an acknowledgement has been responded to all the same.
    if (point.acknowledged || ['in_progress', 'resolved', 'closed'].includes(point.state)) {
      return 'met';
    }
  } else if (point.state === 'closed') {
    return 'met';
  } else if (point.state === 'resolved') {
    return 'stopped';
  }
  return point.state === 'on_hold' && definition.pauseOnHold ? 'paused' : 'counting';
}

function present(run: ClockRun, startedAt: Date): AppliedSlaClock {
  const breach = run.passed.find((alert) => alert.percent === 100);
  const due = breach ?? run.upcoming.find((alert) => alert.percent === 100);
  return {
    applies: true,
    stage: stageOf(run.status, breach !== undefined),
    startedAt,
    elapsedSeconds: Math.floor(run.elapsedMs / 1000),
    dueAt: run.status === 'counting' ? (due?.at ?? null) : null,
    endedAt: run.endedAt === null ? null : new Date(run.endedAt),
    breachedAt: breach?.at ?? null,
    alerts: run.passed,
    nextAlert: run.upcoming[0] ?? null,
  };
}

function stageOf(status: ClockRun['status'], breached: boolean): SlaStage {
  if (status === 'withdrawn') return 'cancelled';
  if (breached) return 'breached';
  switch (status) {
    case 'canceled':
      return 'cancelled';
    case 'met':
    case 'stopped':
      return 'achieved';
    case 'paused':
      return 'paused';
    case 'counting':
      return 'in_progress';
  }
}
