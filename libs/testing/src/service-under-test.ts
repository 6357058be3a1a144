import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@itsm/config';
import { applyMigrations } from '@itsm/persistence';
import { createServiceApp, serviceEnvSchema, type ServiceDefinition } from '@itsm/runtime';
import { DataSource } from 'typeorm';
import { testAuthEnv, testKafkaBrokers } from './infrastructure';
import { createTestDatabase, type TestDatabase } from './test-database';
import { tokenFor } from './tokens';

/**
 * The topic prefix of this test file's services: their relays publish into topics of their own,
 * never into the `itsm.*` topics that a running platform and its integrators read on a shared broker.
 */
export const testTopicPrefix = `test${randomBytes(4).toString('hex')}.`;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ServiceResponse {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any
  body: string;
}

/** A service's HTTP app on a database of its own, migrated, called in-process as seeded users. */
export interface ServiceUnderTest {
  app: NestFastifyApplication;
  database: TestDatabase;
  dataSource: DataSource;
  /** A request as `as` (a seeded user of the local identity provider), or without a token. */
  call(
    method: Method,
    url: string,
    options?: { as?: string; payload?: object; headers?: Record<string, string> },
  ): Promise<ServiceResponse>;
  /** The raw in-process request, for the access matrix. */
  send(request: {
    method: Method;
    url: string;
    payload?: object;
    headers: Record<string, string>;
  }): Promise<ServiceResponse>;
  close(): Promise<void>;
}

/**
 * Builds the service's app (without Kafka consumers or listening), runs its migrations on a fresh
 * database and serves requests in-process: the service's own tests, against real PostgreSQL.
 * Given the database of another one, it is a second replica: closing it leaves the database.
 */
export async function startServiceUnderTest(
  definition: ServiceDefinition,
  env: Record<string, string> = {},
  replicaOf?: TestDatabase,
): Promise<ServiceUnderTest> {
  const database = replicaOf ?? (await createTestDatabase(definition.practice));
  const app = await createServiceApp(
    definition,
    loadConfig(serviceEnvSchema, {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: testTopicPrefix,
      LOG_LEVEL: 'silent',
      ...testAuthEnv(),
      ...env,
    }),
  );
  const dataSource = app.get(DataSource);
  await app.init();
  await applyMigrations(dataSource);
  await app.getHttpAdapter().getInstance().ready();
  const fastify = app.getHttpAdapter().getInstance();
  const send: ServiceUnderTest['send'] = (request) =>
    fastify.inject(request) as unknown as Promise<ServiceResponse>;
  return {
    app,
    database,
    dataSource,
    send,
    async call(method, url, options = {}) {
      const headers = {
        ...(options.as ? { authorization: `Bearer ${await tokenFor(options.as)}` } : {}),
        ...options.headers,
      };
      return send({
        method,
        url,
        headers,
        ...(options.payload ? { payload: options.payload } : {}),
      });
    },
    async close() {
      await app.close();
      if (!replicaOf) await database.drop();
    },
  };
}
