import { env, z } from '@itsm/config';

/** Database settings every service reads from its environment. */
export const databaseEnvSchema = z.object({
  DATABASE_URL: env.postgresUrl(),
  DATABASE_POOL_SIZE: env.positiveInt(10),
  /** Run pending migrations when the service starts (the Helm chart runs them in a Job instead). */
  MIGRATIONS_RUN: env.boolean(true),
});
export type DatabaseEnv = z.infer<typeof databaseEnvSchema>;
