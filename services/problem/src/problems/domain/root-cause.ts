/** What kind of cause the analysis found: the categories problem reviews and trends count by. */
export const CAUSE_CATEGORIES = [
  'software',
  'hardware',
  'network',
  'configuration',
  'capacity',
  'process',
  'human_error',
  'third_party',
  'security',
  'environment',
  'unknown',
] as const;
export type CauseCategory = (typeof CAUSE_CATEGORIES)[number];

/** The root-cause analysis techniques ITIL names, and `other`. */
export const ANALYSIS_METHODS = [
  'five_whys',
  'fishbone',
  'fault_tree',
  'kepner_tregoe',
  'pareto',
  'change_analysis',
  'timeline',
  'other',
] as const;
export type AnalysisMethod = (typeof ANALYSIS_METHODS)[number];
