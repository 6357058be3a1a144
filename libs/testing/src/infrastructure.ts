import { existsSync } from 'node:fs';
import { LocalStack } from '@itsm/local-stack';

/** Where the tests' PostgreSQL server, Kafka brokers and identity provider are, for every test file. */
export interface TestInfrastructure {
  postgresUrl: string;
  kafkaBrokers: string[];
  /** Always the local identity provider: tests sign in as its seeded users. */
  authIssuer: string;
  authAudience: string;
  source: 'environment' | 'testcontainers' | 'local-stack';
  stop(): Promise<void>;
}

const POSTGRES_URL = 'ITSM_TEST_POSTGRES_URL';
const KAFKA_BROKERS = 'ITSM_TEST_KAFKA_BROKERS';
const AUTH_ISSUER = 'ITSM_TEST_AUTH_ISSUER';
const AUTH_AUDIENCE = 'ITSM_TEST_AUTH_AUDIENCE';

/**
 * Brings up the tests' infrastructure: the servers named by `DATABASE_URL` / `KAFKA_BROKERS`;
 * else containers when a Docker engine is reachable; else the local stack of `npm start`
 * (started if it is not running, stopped afterwards only if we started it).
 */
export async function startTestInfrastructure(env = process.env): Promise<TestInfrastructure> {
  // The seeded users the tests sign in as live in the local provider, whatever AUTH_ISSUER says.
  const localEnv = { ...env, AUTH_ISSUER: undefined, AUTH_AUDIENCE: undefined };
  if (env.DATABASE_URL && env.KAFKA_BROKERS) {
    const identity = await startIdentityProvider(localEnv);
    return {
      postgresUrl: env.DATABASE_URL,
      kafkaBrokers: env.KAFKA_BROKERS.split(','),
      ...identity.endpoints,
      source: 'environment',
      stop: identity.stop,
    };
  }
  if (dockerEngineConfigured(env)) {
    const identity = await startIdentityProvider(localEnv);
    const containers = await startContainers();
    return {
      ...containers,
      ...identity.endpoints,
      stop: async () => {
        await containers.stop();
        await identity.stop();
      },
    };
  }
  const stack = new LocalStack(localEnv);
  const endpoints = await stack.up();
  return { ...endpoints, source: 'local-stack', stop: () => stack.down(() => undefined, true) };
}

/** The local identity provider alone, next to servers that something else runs. */
async function startIdentityProvider(env: NodeJS.ProcessEnv) {
  const provider = new LocalStack(env).identityProvider();
  const wasRunning = provider.isRunning();
  if (!wasRunning) await provider.start();
  return {
    endpoints: { authIssuer: provider.issuer, authAudience: provider.audience },
    stop: async () => {
      if (!wasRunning) await provider.stop();
    },
  };
}

/** Makes the infrastructure known to the test workers, which inherit this process's environment. */
export function publishTestInfrastructure(infrastructure: TestInfrastructure): void {
  process.env[POSTGRES_URL] = infrastructure.postgresUrl;
  process.env[KAFKA_BROKERS] = infrastructure.kafkaBrokers.join(',');
  process.env[AUTH_ISSUER] = infrastructure.authIssuer;
  process.env[AUTH_AUDIENCE] = infrastructure.authAudience;
}

/** The identity provider of the tests, as a service's AUTH_* variables. */
export function testAuthEnv(): { AUTH_ISSUER: string; AUTH_AUDIENCE: string } {
  return { AUTH_ISSUER: required(AUTH_ISSUER), AUTH_AUDIENCE: required(AUTH_AUDIENCE) };
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

async function startContainers(): Promise<Omit<TestInfrastructure, 'authIssuer' | 'authAudience'>> {
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
