import { runClock, type ClockRun, type Phase, type SubjectPhase } from './clock-run';
import type { SlaAlert, SlaDefinition, SlaStage } from './sla-definition';

/** The subject's situation from `at` on, until the next point; the subject adds what it needs. */
export interface TimelinePoint {
  at: Date;
}

/** Points in order of `at`; the first is the opening. Of points sharing an instant, the last holds. */
export type Timeline<Point extends TimelinePoint = TimelinePoint> = readonly Point[];

/** What a subject's situation means to the clock of one definition. */
export interface ClockRules<Point extends TimelinePoint> {
  /** What the clock does from this point on. */
  phaseOf(point: Point): SubjectPhase;
  /** The definition's start condition (an incident's priority among the definition's…) holds. */
  holds(point: Point): boolean;
}

export type SlaClock = { applies: false } | AppliedSlaClock;

export interface AppliedSlaClock {
  applies: true;
  /** breached from the instant 100 % is reached on, whether the clock still runs, pauses or ends. */
  stage: SlaStage;
  /** The subject's opening, also for a definition that came to apply later. */
  startedAt: Date;
  /** Working time counted, in whole seconds (floored). */
  elapsedSeconds: number;
  /** While counting: when 100 % is (or was) reached. Null while paused or ended. */
  dueAt: Date | null;
  /** When the clock stopped: met, cancelled, or stopped for now (a resolution, until a reopening). */
  endedAt: Date | null;
  breachedAt: Date | null;
  /** The thresholds passed by now, each at the instant it was passed. */
  alerts: SlaAlert[];
  /** While counting: the next threshold to pass, if nothing changes. */
  nextAlert: SlaAlert | null;
}

/**
 * The clock of one definition over a subject's history as known at `now` (later points are
 * ignored): a pure function of its inputs, so replaying the history repairs the clock.
 *
 * The start condition is judged where the clock stands: at `now`, or at the end if it ended
 * (for a clock stopped for now, at the stop). Holding there, the clock counts from the opening,
 * whatever held before. Not holding there but held earlier, the clock was cancelled when the
 * condition last stopped holding, keeping what it had passed. Never held: the definition does
 * not apply.
 */
export function slaClock<Point extends TimelinePoint>(
  definition: Pick<SlaDefinition, 'name' | 'durationSeconds' | 'schedule'>,
  timeline: Timeline<Point>,
  now: Date,
  rules: ClockRules<Point>,
): SlaClock {
  if (!Number.isInteger(definition.durationSeconds) || definition.durationSeconds <= 0) {
    throw new RangeError(`SLA ${definition.name} needs a target of whole seconds above 0`);
  }
  const points = knownAt(timeline, now);
  const opening = points[0];
  if (!opening) throw new RangeError('The subject was opened after now');
  const phases = points.map((point) => ({
    at: point.at.getTime(),
    phase: rules.phaseOf(point),
  }));
  const lifecycle = runClock(definition, phases, now.getTime());
  const judgedAt = lifecycle.endedAt ?? now.getTime();
  const judged = points.filter((point) => point.at.getTime() <= judgedAt);
  const lastHolding = judged.findLastIndex((point) => rules.holds(point));
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
function knownAt<Point extends TimelinePoint>(timeline: Timeline<Point>, now: Date): Point[] {
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
