import { validateSchedule, type Schedule } from '@itsm/calendar';
import { env, loadConfig, z } from '@itsm/config';

const group = (fallback: string) =>
  z
    .string()
    .trim()
    .min(1, 'must name a group')
    .max(128, 'must be at most 128 characters')
    .default(fallback);

/** Monday to Friday, 08:00–17:00 UTC: an installation sets its own zone, hours and holidays. */
const OFFICE_HOURS: Schedule = {
  timeZone: 'UTC',
  kind: 'business_hours',
  hours: ([1, 2, 3, 4, 5] as const).map((day) => ({ day, start: '08:00', end: '17:00' })),
  holidays: [],
};

/** The change service's own settings, beside those every service has. README.md lists them. */
export const changeEnvSchema = z.object({
  /** CAB approvals a change of moderate or higher risk needs. */
  CHANGE_CAB_QUORUM: env.positiveInt(2),
  /** The group whose members form the change advisory board. */
  CHANGE_CAB_GROUP: group('cab'),
  /** The group whose members approve emergency changes. */
  CHANGE_EMERGENCY_CAB_GROUP: group('emergency-cab'),
  /** The business hours a planned window is measured against, as a JSON schedule (README.md). */
  CHANGE_BUSINESS_HOURS: z
    .string()
    .default(JSON.stringify(OFFICE_HOURS))
    .transform((text, context): Schedule => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      if (typeof parsed !== 'object' || parsed === null) {
        context.addIssue({ code: 'custom', message: 'must be a JSON schedule (README.md)' });
        return z.NEVER;
      }
      const schedule: Schedule = {
        hours: [],
        holidays: [],
        ...(parsed as Partial<Schedule>),
      } as Schedule;
      const problems = validateSchedule(schedule);
      for (const problem of problems) {
        context.addIssue({ code: 'custom', message: `${problem.field}: ${problem.message}` });
      }
      return problems.length > 0 ? z.NEVER : schedule;
    }),
});

export type ChangeConfig = z.infer<typeof changeEnvSchema>;
export const CHANGE_CONFIG = Symbol('CHANGE_CONFIG');

export const changeConfigProvider = {
  provide: CHANGE_CONFIG,
  useFactory: (): ChangeConfig => loadConfig(changeEnvSchema),
};

/** The approval policy's settings out of the configuration. */
export function approvalSettings(config: ChangeConfig) {
  return {
    cabQuorum: config.CHANGE_CAB_QUORUM,
    cabGroup: config.CHANGE_CAB_GROUP,
    emergencyCabGroup: config.CHANGE_EMERGENCY_CAB_GROUP,
  };
}
