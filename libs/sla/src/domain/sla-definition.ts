import type { Schedule } from '@itsm/calendar';

/**
 * A target of working time on a schedule, until a milestone of the subject (an incident's
 * response or resolution, a request's delivery). The subject also says when a definition applies.
 */
export interface SlaDefinition<Target extends string = string> {
  id: string;
  name: string;
  /** The milestone the clock runs until, named by the subject. */
  target: Target;
  durationSeconds: number;
  schedule: Schedule;
}

/** A threshold of the target, passed at `at`: warnings at 50 and 75 %, the breach at 100 %. */
export interface SlaAlert {
  percent: 50 | 75 | 100;
  at: Date;
}

export type SlaStage = 'in_progress' | 'paused' | 'achieved' | 'breached' | 'cancelled';
