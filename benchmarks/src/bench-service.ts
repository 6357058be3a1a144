import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { databaseUrlFor, localStateDir, ServiceProcess } from '@itsm/local-stack';
import {
  freePort,
  publishTestInfrastructure,
  startTestInfrastructure,
  testAuthEnv,
} from '@itsm/testing';

export interface BenchRun {
  infrastructure: Awaited<ReturnType<typeof startTestInfrastructure>>;
  /** This run's random id: its database, topic prefix and service log are named after it. */
  run: string;
  /** The run's topic prefix. */
  prefix: string;
  database: string;
  /** Not started yet. */
  service: ServiceProcess;
}

/**
 * The test infrastructure and the service a benchmark measures, on a database and a topic prefix of
 * its own (`bench_<bench>_<run>` unless `databaseName` is given, `bench<run>.`), logging warnings only,
 * with the tests' identity provider. BENCH_SERVICE_NODE_OPTIONS goes to the service's NODE_OPTIONS
 * (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`: its CPU profile, written when it stops).
 */
export async function benchService(
  bench: string,
  service: string,
  options: { databaseName?: string; env?: Record<string, string> } = {},
): Promise<BenchRun> {
  const infrastructure = await startTestInfrastructure();
  publishTestInfrastructure(infrastructure);
  const run = randomBytes(3).toString('hex');
  const prefix = `bench${run}.`;
  const database = databaseUrlFor(
    infrastructure.postgresUrl,
    options.databaseName ?? `bench_${bench}_${run}`,
  );
  const process_ = new ServiceProcess({
    name: service,
    port: await freePort(),
    logFile: join(localStateDir(), 'logs', `bench-${bench}-${run}.log`),
    env: {
      DATABASE_URL: database,
      KAFKA_BROKERS: infrastructure.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      ...options.env,
      ...testAuthEnv(),
      ...(process.env.BENCH_SERVICE_NODE_OPTIONS
        ? { NODE_OPTIONS: process.env.BENCH_SERVICE_NODE_OPTIONS }
        : {}),
    },
  });
  return { infrastructure, run, prefix, database, service: process_ };
}
