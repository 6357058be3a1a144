import { addBusinessMilliseconds, businessMillisecondsBetween } from './schedule';
import type { SlaAlert, SlaDefinition } from './sla-clock';

/** What the clock does from an instant of the incident's history on. */
export interface Phase {
  at: number;
  phase:
    | 'counting'
    /** On hold, for a definition that pauses on hold. */
    | 'paused'
    /** A resolution clock while the incident is resolved: a reopening resumes it. */
    | 'stopped'
    /** The target is met for good. */
    | 'met'
    /** The incident was canceled. */
    | 'canceled'
    /** The definition's condition stopped holding. */
    | 'withdrawn';
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
  definition: SlaDefinition,
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
      // A resolved clock keeps its outcome when the incident is then closed or canceled.
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
