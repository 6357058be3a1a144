import { env, loadConfig, z } from '@itsm/config';

/** The incident service's own settings, beside those every service has. README.md lists them. */
export const incidentEnvSchema = z.object({
  /** How long a resolved incident waits for its caller before it closes by itself (7 days). */
  INCIDENT_AUTO_CLOSE_AFTER_SECONDS: env.positiveInt(7 * 24 * 3600),
  /** How often each replica looks for SLA alerts and incidents to close that are due. */
  INCIDENT_TIMER_INTERVAL_MS: env.positiveInt(1000),
});

export type IncidentConfig = z.infer<typeof incidentEnvSchema>;
export const INCIDENT_CONFIG = Symbol('INCIDENT_CONFIG');

export const incidentConfigProvider = {
  provide: INCIDENT_CONFIG,
  useFactory: (): IncidentConfig => loadConfig(incidentEnvSchema),
};
