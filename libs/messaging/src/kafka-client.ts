import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { KafkaSettings } from './kafka-config';

/**
 * A Kafka client in our own terms: what services, libraries and tests hold and pass to
 * `KafkaProducer`, `KafkaConsumer`, `KafkaAdmin`, `OutboxRelay` and `EventConsumerTransport`.
 * kafkajs is in maintenance mode: no kafkajs type leaves this library, so it can be replaced.
 */
export interface KafkaClient {
  readonly clientId: string;
}

/** Where kafkajs' own log lines go; the service passes its structured logger. */
export type KafkaLogSink = (
  level: 'error' | 'warn' | 'info' | 'debug',
  message: string,
  context: Record<string, unknown>,
) => void;

const levelNames = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
  [logLevel.NOTHING]: 'debug',
} as const;

/** Kept out of `KafkaClient` itself, so that its type names nothing of kafkajs. */
const kafkajsClients = new WeakMap<KafkaClient, Kafka>();

/** The one place a kafkajs client is created. */
export function createKafka(settings: KafkaSettings, sink?: KafkaLogSink): KafkaClient {
  const client: KafkaClient = { clientId: settings.clientId };
  kafkajsClients.set(
    client,
    new Kafka({
      clientId: settings.clientId,
      brokers: settings.brokers,
      connectionTimeout: settings.connectionTimeoutMs ?? 3000,
      ...(settings.tls ? { ssl: settings.tls } : {}),
      ...(settings.sasl ? { sasl: settings.sasl } : {}),
      retry: { initialRetryTime: 300, retries: 8 },
      logLevel: sink ? logLevel.WARN : logLevel.NOTHING,
      logCreator:
        () =>
        ({ namespace, level, log }: LogEntry) => {
          const { message, ...context } = log;
          sink?.(levelNames[level], `[${namespace}] ${message}`, context);
        },
    }),
  );
  return client;
}

/** The kafkajs client behind ours, for this library's own files (the index does not export it). */
export function kafkajsOf(client: KafkaClient): Kafka {
  const kafka = kafkajsClients.get(client);
  if (!kafka) throw new Error(`Kafka client ${client.clientId} was not made by createKafka`);
  return kafka;
}
