import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { KafkaSettings } from './kafka-config';

declare const madeByCreateKafka: unique symbol;

/**
 * A Kafka client in our own terms: what services, libraries and tests hold and pass to
 * `KafkaProducer`, `KafkaConsumer`, `KafkaAdmin`, `OutboxRelay` and `EventConsumerTransport`.
 * kafkajs is in maintenance mode: no kafkajs type leaves this library, so it can be replaced.
 * An opaque type: only `createKafka` makes one, and only this library's files open it.
 */
export interface KafkaClient {
  readonly [madeByCreateKafka]: true;
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

/** The one place a kafkajs client is created. */
export function createKafka(settings: KafkaSettings, sink?: KafkaLogSink): KafkaClient {
  const kafka = new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    connectionTimeout: settings.connectionTimeoutMs ?? 3000,
    requestTimeout: settings.requestTimeoutMs ?? 30_000,
    ...(settings.tls ? { ssl: settings.tls } : {}),
    ...(settings.sasl ? { sasl: settings.sasl } : {}),
    // Every retry setting is spelled out: kafkajs takes the rest from defaults that depend on
    // NODE_ENV (1 s between retries under test, up to 30 s otherwise). Waits grow from 300 ms to
    // the cap, so a producer whose broker crashed retries often enough to find it back soon.
    retry: {
      initialRetryTime: 300,
      maxRetryTime: settings.retryMaxDelayMs ?? 1000,
      factor: 0.2,
      multiplier: 2,
      retries: 8,
    },
    logLevel: sink ? logLevel.WARN : logLevel.NOTHING,
    logCreator:
      () =>
      ({ namespace, level, log }: LogEntry) => {
        const { message, ...context } = log;
        sink?.(levelNames[level], `[${namespace}] ${message}`, context);
      },
  });
  return kafka as unknown as KafkaClient;
}

/** The kafkajs client behind ours, for this library's own files (the index does not export it). */
export function kafkajsOf(client: KafkaClient): Kafka {
  return client as unknown as Kafka;
}
