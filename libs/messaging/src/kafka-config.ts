import { env, z } from '@itsm/config';

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
});
export type KafkaEnv = z.infer<typeof kafkaEnvSchema>;

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  connectionTimeoutMs?: number;
}

export function kafkaSettingsFrom(config: KafkaEnv, defaultClientId: string): KafkaSettings {
  return {
    brokers: config.KAFKA_BROKERS,
    clientId: config.KAFKA_CLIENT_ID ?? defaultClientId,
    connectionTimeoutMs: config.KAFKA_CONNECTION_TIMEOUT_MS,
  };
}
