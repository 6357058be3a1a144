import { readFileSync } from 'node:fs';
import { ConfigError, env, z } from '@itsm/config';

const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

/** Kafka settings every service reads from its environment. */
export const kafkaEnvSchema = z.object({
  KAFKA_BROKERS: env.hostPortList(),
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
  /** Prepended to every topic, so that several environments can share a cluster. */
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/, 'may hold only letters, digits, dots, dashes and underscores')
    .default(''),
  KAFKA_TOPIC_PARTITIONS: env.positiveInt(3),
  KAFKA_REPLICATION_FACTOR: env.positiveInt(1),
  KAFKA_CONNECTION_TIMEOUT_MS: env.positiveInt(3000),
  /** A request without an answer in this time fails and is retried: a silently dead connection. */
  KAFKA_REQUEST_TIMEOUT_MS: env.positiveInt(30_000),
  /** The longest wait between two retries, so that a client finds a restarted broker soon. */
  KAFKA_RETRY_MAX_DELAY_MS: env.positiveInt(1000),
  /** TLS to the brokers; the CA, client certificate and key are PEM files (mounted secrets). */
  KAFKA_TLS: env.boolean(false),
  KAFKA_TLS_CA_FILE: z.string().min(1).optional(),
  KAFKA_TLS_CERT_FILE: z.string().min(1).optional(),
  KAFKA_TLS_KEY_FILE: z.string().min(1).optional(),
  KAFKA_TLS_REJECT_UNAUTHORIZED: env.boolean(true),
  KAFKA_SASL_MECHANISM: z
    .enum(SASL_MECHANISMS, { message: `must be one of ${SASL_MECHANISMS.join(', ')}` })
    .optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
});
export type KafkaEnv = z.infer<typeof kafkaEnvSchema>;

export interface KafkaTls {
  ca?: string;
  cert?: string;
  key?: string;
  rejectUnauthorized: boolean;
}

/** One object per mechanism, as kafkajs types it. */
export type KafkaSasl = {
  [M in (typeof SASL_MECHANISMS)[number]]: { mechanism: M; username: string; password: string };
}[(typeof SASL_MECHANISMS)[number]];

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  retryMaxDelayMs?: number;
  tls?: KafkaTls;
  sasl?: KafkaSasl;
}

/**
 * The client settings of a service. TLS files are read here, at start, so that a wrong path fails
 * the start with the variable's name rather than the first connection with a TLS error.
 */
export function kafkaSettingsFrom(config: KafkaEnv, defaultClientId: string): KafkaSettings {
  const problems: string[] = [];
  const pem = (variable: 'KAFKA_TLS_CA_FILE' | 'KAFKA_TLS_CERT_FILE' | 'KAFKA_TLS_KEY_FILE') => {
    const path = config[variable];
    if (!path) return undefined;
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      problems.push(
        `${variable} cannot be read (${(error as NodeJS.ErrnoException).code}): ${path}`,
      );
      return undefined;
    }
  };
  const tls: KafkaTls | undefined = config.KAFKA_TLS
    ? {
        ca: pem('KAFKA_TLS_CA_FILE'),
        cert: pem('KAFKA_TLS_CERT_FILE'),
        key: pem('KAFKA_TLS_KEY_FILE'),
        rejectUnauthorized: config.KAFKA_TLS_REJECT_UNAUTHORIZED,
      }
    : undefined;
  const tlsFiles = (
    ['KAFKA_TLS_CA_FILE', 'KAFKA_TLS_CERT_FILE', 'KAFKA_TLS_KEY_FILE'] as const
  ).filter((variable) => config[variable]);
  if (!config.KAFKA_TLS && tlsFiles.length) {
    problems.push(`KAFKA_TLS must be true when ${tlsFiles.join(', ')} is set`);
  }
  if (config.KAFKA_SASL_MECHANISM === 'plain' && !config.KAFKA_TLS) {
    problems.push('KAFKA_SASL_MECHANISM plain sends the password in clear: set KAFKA_TLS=true');
  }
  if (config.KAFKA_SASL_MECHANISM) {
    for (const variable of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
      if (!config[variable]) {
        problems.push(
          `${variable} is required: KAFKA_SASL_MECHANISM is ${config.KAFKA_SASL_MECHANISM}`,
        );
      }
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    brokers: config.KAFKA_BROKERS,
    clientId: config.KAFKA_CLIENT_ID ?? defaultClientId,
    connectionTimeoutMs: config.KAFKA_CONNECTION_TIMEOUT_MS,
    requestTimeoutMs: config.KAFKA_REQUEST_TIMEOUT_MS,
    retryMaxDelayMs: config.KAFKA_RETRY_MAX_DELAY_MS,
    ...(tls ? { tls: withoutUndefined(tls) } : {}),
    ...(config.KAFKA_SASL_MECHANISM
      ? {
          sasl: {
            mechanism: config.KAFKA_SASL_MECHANISM,
            username: config.KAFKA_SASL_USERNAME!,
            password: config.KAFKA_SASL_PASSWORD!,
          },
        }
      : {}),
  };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
