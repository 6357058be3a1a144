import { existsSync } from 'node:fs';
import { LocalStack } from '@itsm/local-stack';

/** Where the tests' PostgreSQL server and Kafka brokers are, for every test file of a run. */
export interface TestInfrastructure {
  postgresUrl: string;
  kafkaBrokers: string[];
  source: 'environment' | 'testcontainers' | 'local-stack';
  stop(): Promise<void>;
}

const POSTGRES_URL = 'ITSM_TEST_POSTGRES_URL';
const KAFKA_BROKERS = 'ITSM_TEST_KAFKA_BROKERS';

/**
 * Brings up the tests' infrastructure: the servers named by `DATABASE_URL` / `KAFKA_BROKERS`;
 * else containers when a Docker engine is reachable; else the local stack of `npm start`
 * (started if it is not running, stopped afterwards only if we started it).
 */
export async function startTestInfrastructure(env = process.env): Promise<TestInfrastructure> {
  if (env.DATABASE_URL && env.KAFKA_BROKERS) {
    return {
      postgresUrl: env.DATABASE_URL,
      kafkaBrokers: env.KAFKA_BROKERS.split(','),
      source: 'environment',
      stop: async () => undefined,
    };
  }
  if (dockerEngineConfigured(env)) return startContainers();
  const stack = new LocalStack(env);
  const endpoints = await stack.up();
  return { ...endpoints, source: 'local-stack', stop: () => stack.down(() => undefined, true) };
}

/** Makes the infrastructure known to the test workers, which inherit this process's environment. */
export function publishTestInfrastructure(infrastructure: TestInfrastructure): void {
  process.env[POSTGRES_URL] = infrastructure.postgresUrl;
  process.env[KAFKA_BROKERS] = infrastructure.kafkaBrokers.join(',');
}

export function testPostgresUrl(): string {
  return required(POSTGRES_URL);
}

export function testKafkaBrokers(): string[] {
  return required(KAFKA_BROKERS).split(',');
}

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: run integration tests through jest's global setup (npm test)`,
    );
  return value;
}

function dockerEngineConfigured(env: NodeJS.ProcessEnv): boolean {
  if (env.ITSM_TEST_INFRA === 'local') return false;
  return Boolean(env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
}

async function startContainers(): Promise<TestInfrastructure> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const [postgres, kafka] = await Promise.all([
    new PostgreSqlContainer('postgres:17-alpine')
      .withUsername('itsm')
      .withPassword('itsm')
      .withDatabase('postgres')
      .withCommand(['postgres', '-c', 'max_connections=300'])
      .start(),
    new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start(),
  ]);
  return {
    postgresUrl: postgres.getConnectionUri(),
    kafkaBrokers: [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`],
    source: 'testcontainers',
    stop: async () => {
      await Promise.all([postgres.stop(), kafka.stop()]);
    },
  };
}
