import { env, loadConfig, z } from '@itsm/config';
import { parseRoutingRules, RoutingRulesError } from './incidents/domain/default-routing';
import { CHANNELS } from './incidents/incident.entity';

/** The incident service's own settings, beside those every service has. README.md lists them. */
export const incidentEnvSchema = z.object({
  /** How long a resolved incident waits for its caller before it closes by itself (7 days). */
  INCIDENT_AUTO_CLOSE_AFTER_SECONDS: env.positiveInt(7 * 24 * 3600),
  /** How often each replica looks for SLA alerts and incidents to close that are due. */
  INCIDENT_TIMER_INTERVAL_MS: env.positiveInt(1000),
  /** The group an incident raised without one goes to when no routing rule names it. */
  INCIDENT_DEFAULT_GROUP: z
    .string()
    .trim()
    .min(1, 'must name a group')
    .max(128, 'must be at most 128 characters')
    .default('service-desk'),
  /** Rules such as `category:network=network-ops,channel:monitoring=noc` (README.md). */
  INCIDENT_ROUTING: z
    .string()
    .default('')
    .transform((text, context) => {
      try {
        return parseRoutingRules(text, CHANNELS);
      } catch (error) {
        if (!(error instanceof RoutingRulesError)) throw error;
        context.addIssue({ code: 'custom', message: error.message });
        return z.NEVER;
      }
    }),
});

export type IncidentConfig = z.infer<typeof incidentEnvSchema>;
export const INCIDENT_CONFIG = Symbol('INCIDENT_CONFIG');

export const incidentConfigProvider = {
  provide: INCIDENT_CONFIG,
  useFactory: (): IncidentConfig => loadConfig(incidentEnvSchema),
};
