import { addBusinessMilliseconds, businessMillisecondsBetween } from '@itsm/calendar';
import type { SlaAlert, SlaDefinition } from './sla-definition';

/** What the clock does while the subject is in a situation; the subject says which is which. */
export type SubjectPhase =
  | 'counting'
  /** Not counting for now, a breach kept (an incident on hold). */
  | 'paused'
  /** Met for now, until the subject goes back (a resolved incident, until reopened). */
  | 'stopped'
  /** The target is met for good. */
  | 'met'
  /** The subject was canceled. */
  | 'canceled';

/** What the clock does from an instant of the subject's history on. */
export interface Phase {
  at: number;
  /** `withdrawn`: the definition's start condition stopped holding. */
  phase: SubjectPhase | 'withdrawn';
}

export interface ClockRun {
  /** The phase at now; once ended, the phase that ended it. */
  status: Phase['phase'];
  elapsedMs: number;
  /** When it stopped counting, if it is stopped or ended. */
  endedAt: number | null;
  passed: SlaAlert[];
  /** While counting: the thresholds still to pass, at the instants they will be if nothing changes. */
  upcoming: SlaAlert[];
}

const PERCENTS = [50, 75, 100] as const;
const FINAL_PHASES = new Set<Phase['phase']>(['met', 'canceled', 'withdrawn']);

/** Runs the clock through its phases (at least one, in order) up to `now`. */
export function runClock(
  definition: Pick<SlaDefinition, 'durationSeconds' | 'schedule'>,
  phases: readonly Phase[],
  now: number,
): ClockRun {
  const { schedule } = definition;
  const thresholds = PERCENTS.map((percent) => ({
    percent,
    ms: definition.durationSeconds * 10 * percent,
  }));
  const passed: SlaAlert[] = [];
  let elapsedMs = 0;
  let endedAt: number | null = null;
  let status: Phase['phase'] = 'counting';
  for (const [index, { at, phase }] of phases.entries()) {
    if (FINAL_PHASES.has(phase)) {
      // A stopped clock keeps its outcome (met) when the subject then ends, by a close or a cancel.
      const resolved = status === 'stopped' && phase !== 'withdrawn';
      return {
        status: resolved ? 'met' : phase,
        elapsedMs,
        endedAt: resolved ? endedAt : at,
        passed,
        upcoming: [],
      };
    }
    if (phase !== 'stopped') endedAt = null;
    else if (status !== 'stopped') endedAt = at;
    status = phase;
    if (phase !== 'counting') continue;

    const next = phases[index + 1];
    const until = next?.at ?? now;
    const counted = businessMillisecondsBetween(schedule, new Date(at), new Date(until));
    for (const threshold of thresholds.slice(passed.length)) {
      const needed = threshold.ms - elapsedMs;
      if (needed > counted) break;
      const reachedAt = addBusinessMilliseconds(schedule, new Date(at), needed);
      // Reached exactly at the next point: that point decides. A stop there wins (met in time);
      // counting on, the next phase passes it at its very start.
      if (next && reachedAt.getTime() === until) break;
      passed.push({ percent: threshold.percent, at: reachedAt });
    }
    elapsedMs += counted;
  }
  const upcoming =
    status === 'counting'
      ? thresholds.slice(passed.length).map(({ percent, ms }) => ({
          percent,
          at: addBusinessMilliseconds(schedule, new Date(now), ms - elapsedMs),
        }))
      : [];
  return { status, elapsedMs, endedAt, passed, upcoming };
}
