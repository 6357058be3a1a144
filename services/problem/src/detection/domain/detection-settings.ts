/** How incidents group into a cluster: by their CI, or by their category on one business service. */
export const GROUPING_KEYS = ['configuration_item', 'service_category'] as const;
export type GroupingKey = (typeof GROUPING_KEYS)[number];

export interface DetectionSettings {
  /** How many incidents of one cluster make a problem. */
  threshold: number;
  /** Within how long of each other they were opened. */
  windowMinutes: number;
  groupingKeys: readonly GroupingKey[];
}

/** DOMAIN.md: 3 incidents within 24 hours, on the same CI or of the same category and service. */
export const DEFAULT_DETECTION: DetectionSettings = {
  threshold: 3,
  windowMinutes: 24 * 60,
  groupingKeys: GROUPING_KEYS,
};

export const THRESHOLD_RANGE = { min: 2, max: 1000 } as const;
/** From a minute to 30 days: longer than that, incidents are no longer "recurring" together. */
export const WINDOW_RANGE = { min: 1, max: 30 * 24 * 60 } as const;
