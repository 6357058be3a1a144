import type { ProblemState } from '../problems/domain/problem-states';

/** The matched words of a known error, in `<mark>`, as HTML-escaped text. */
export interface KnownErrorHighlights {
  shortDescription: string;
  cause: string;
  workaround: string;
}

/** A known error as the known-error database answers: enough to apply the workaround at once. */
export interface KnownErrorView {
  id: string;
  number: string;
  shortDescription: string;
  state: ProblemState;
  category: string | null;
  configurationItemId: string | null;
  serviceId: string | null;
  cause: string;
  causeCategory: string | null;
  workaround: string;
  knownErrorAt: Date;
  knownErrorBy: string;
  /** How well it matches `q` (ts_rank_cd); null without `q`. */
  rank: number | null;
  highlights: KnownErrorHighlights | null;
}
