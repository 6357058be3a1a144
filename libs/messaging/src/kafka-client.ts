import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { KafkaSettings } from './kafka-config';

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

/**
 * kafkajs is in maintenance mode: it is created here, and only here, so that the rest of the
 * platform depends on our interfaces and the client can be replaced.
 */
export function createKafka(settings: KafkaSettings, sink?: KafkaLogSink): Kafka {
  return new Kafka({
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
  });
}
