import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  freePort,
  waitUntil,
  KafkaBroker,
  localStateDir,
  postgresDataHome,
  PostgresServer,
} from '@itsm/local-stack';

/**
 * A Kafka broker of a test's own, which it may stop, kill and restart without disturbing others;
 * with `scram`, clients must sign in with those SCRAM-SHA-256 credentials.
 */
export async function startDisposableKafka(
  options: { scram?: { username: string; password: string } } = {},
): Promise<{
  broker: KafkaBroker;
  destroy(): Promise<void>;
}> {
  const baseDir = join(localStateDir(), `test-kafka-${randomBytes(3).toString('hex')}`);
  const broker = new KafkaBroker({
    baseDir,
    port: await freePort(),
    controllerPort: await freePort(),
    heap: '384m',
    ...(options.scram ? { scram: { ...options.scram, internalPort: await freePort() } } : {}),
  });
  await broker.start();
  return {
    broker,
    destroy: async () => {
      await broker.stop();
      const { rm } = await import('node:fs/promises');
      await rm(baseDir, { recursive: true, force: true });
    },
  };
}

/** A PostgreSQL server of a test's own, which it may stop and start again; optionally with TLS. */
export async function startDisposablePostgres(
  options: { tls?: boolean } = {},
): Promise<PostgresServer> {
  const server = new PostgresServer({
    baseDir: await postgresDataHome(`test-postgres-${randomBytes(3).toString('hex')}`),
    port: await freePort(),
    ...options,
  });
  await server.start();
  return server;
}

export { freePort, waitUntil };
