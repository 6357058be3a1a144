import { loadConfig, z } from '@itsm/config';
import { MAX_FEED_DAYS } from './domain/feed-expiry';
import { MAX_FEED_LIMIT } from './domain/feed-limit';

/** The calendar's settings. README.md lists them. */
export const calendarEnvSchema = z.object({
  /** How long a calendar feed works after it is created: its creator's rights lapse with it. */
  CHANGE_CALENDAR_FEED_DAYS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, `must be between 1 and ${MAX_FEED_DAYS}`)
    .max(MAX_FEED_DAYS, `must be between 1 and ${MAX_FEED_DAYS}: create a new feed after a year`)
    .default(90),
  /** How many working (unexpired, unrevoked) feeds one person may hold at once. */
  CHANGE_CALENDAR_FEED_LIMIT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, `must be between 1 and ${MAX_FEED_LIMIT}`)
    .max(MAX_FEED_LIMIT, `must be between 1 and ${MAX_FEED_LIMIT}`)
    .default(20),
});

export type CalendarConfig = z.infer<typeof calendarEnvSchema>;
export const CALENDAR_CONFIG = Symbol('CALENDAR_CONFIG');

export const calendarConfigProvider = {
  provide: CALENDAR_CONFIG,
  useFactory: (): CalendarConfig => loadConfig(calendarEnvSchema),
};
