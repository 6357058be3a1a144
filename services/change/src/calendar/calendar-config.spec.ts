import { loadConfig } from '@itsm/config';
import { calendarEnvSchema } from './calendar-config';

describe('the calendar’s settings', () => {
  it('lets a feed work 90 days and a person hold 20 working feeds by default', () => {
    expect(loadConfig(calendarEnvSchema, {})).toEqual({
      CHANGE_CALENDAR_FEED_DAYS: 90,
      CHANGE_CALENDAR_FEED_LIMIT: 20,
    });
  });

  it('takes a limit of feeds between 1 and 1,000', () => {
    const config = loadConfig(calendarEnvSchema, { CHANGE_CALENDAR_FEED_LIMIT: '5' });
    expect(config.CHANGE_CALENDAR_FEED_LIMIT).toBe(5);
  });

  it('names the variable when the limit is out of bounds or not a number', () => {
    for (const value of ['0', '1001', '2.5', 'many']) {
      expect(() => loadConfig(calendarEnvSchema, { CHANGE_CALENDAR_FEED_LIMIT: value })).toThrow(
        /CHANGE_CALENDAR_FEED_LIMIT/,
      );
    }
  });
});
