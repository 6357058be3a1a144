import { env, loadConfig, z } from '@itsm/config';

/** The catalog's timer settings, beside those every service has. README.md lists them. */
export const deliverySlaEnvSchema = z.object({
  /** How often each replica looks for delivery SLA alerts that are due. */
  CATALOG_TIMER_INTERVAL_MS: env.positiveInt(1000),
});

export type DeliverySlaConfig = z.infer<typeof deliverySlaEnvSchema>;
export const DELIVERY_SLA_CONFIG = Symbol('DELIVERY_SLA_CONFIG');

export const deliverySlaConfigProvider = {
  provide: DELIVERY_SLA_CONFIG,
  useFactory: (): DeliverySlaConfig => loadConfig(deliverySlaEnvSchema),
};
