import { authEnvSchema } from '@itsm/auth';
import { env, z } from '@itsm/config';
import { kafkaEnvSchema } from '@itsm/messaging';
import { databaseEnvSchema } from '@itsm/persistence';

/** The environment of every service. docs/configuration.md lists each variable. */
export const serviceEnvSchema = z.object({
  HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  HTTP_PORT: env.port(3000),
  /** The largest request body: a CMDB import of 10,000 records is a few megabytes. */
  HTTP_BODY_LIMIT_MB: env.positiveInt(16),
  LOG_LEVEL: env.logLevel(),
  /** How long a readiness probe waits for each dependency before calling it down. */
  READINESS_TIMEOUT_MS: env.positiveInt(2000),
  OUTBOX_POLL_INTERVAL_MS: env.positiveInt(1000),
  OUTBOX_BATCH_SIZE: env.positiveInt(500),
  OUTBOX_RETENTION_HOURS: env.positiveInt(24),
  OUTBOX_SEND_TIMEOUT_MS: env.positiveInt(30_000),
  CONSUMER_MAX_ATTEMPTS: env.positiveInt(5),
  CONSUMER_RETRY_BASE_MS: env.positiveInt(200),
  CONSUMER_PARTITION_CONCURRENCY: env.positiveInt(3),
  CONSUMER_SESSION_TIMEOUT_MS: env.positiveInt(30_000),
  /** The whole graceful shutdown after SIGTERM; below Kubernetes' 30 s, so that the exit is ours. */
  SHUTDOWN_GRACE_MS: env.positiveInt(25_000),
  /** After SIGTERM, how long readiness fails while requests are still served (load balancers' delay). */
  SHUTDOWN_DELAY_MS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .default(0),
  ...databaseEnvSchema.shape,
  ...kafkaEnvSchema.shape,
  ...authEnvSchema.shape,
});

export type ServiceConfig = z.infer<typeof serviceEnvSchema>;

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const SERVICE_DEFINITION = Symbol('SERVICE_DEFINITION');
export const KAFKA = Symbol('KAFKA');
