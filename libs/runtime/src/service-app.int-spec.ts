import { Body, Controller, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Roles } from '@itsm/auth';
import { ConfigError, loadConfig } from '@itsm/config';
import { OneOf } from '@itsm/http';
import { applyMigrations } from '@itsm/persistence';
import {
  bearer,
  createTestDatabase,
  startDisposableKafka,
  testAuthEnv,
  testKafkaBrokers,
  type TestDatabase,
} from '@itsm/testing';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { migrateCommand } from './migrate-command';
import { createServiceApp, runService } from './run-service';
import { serviceEnvSchema } from './service-config';
import { defineService } from './service-definition';

class CreateThingRequest {
  @IsString()
  name!: string;

  @IsInt()
  @Min(1)
  @Max(3)
  impact!: number;

  @OneOf(['low', 'high'])
  urgency!: string;
}

@Controller('api/v1/things')
class ThingsController {
  @Roles('agent')
  @Post()
  create(@Body() request: CreateThingRequest): CreateThingRequest {
    return request;
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

const definition = defineService({
  practice: 'problem',
  title: 'Runtime test service',
  description: 'A service with one endpoint, for testing the runtime',
  version: '9.9.9',
  modules: [ThingsModule],
  entities: [],
  migrations: [],
});

describe('a service built by the runtime, against real PostgreSQL and Kafka', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;

  const request = async (method: 'GET' | 'POST', url: string, payload?: object) =>
    app
      .getHttpAdapter()
      .getInstance()
      .inject({ method, url, payload, headers: await bearer('sam') });

  beforeAll(async () => {
    database = await createTestDatabase('runtime');
    const config = loadConfig(serviceEnvSchema, {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      LOG_LEVEL: 'silent',
      ...testAuthEnv(),
    });
    app = await createServiceApp(definition, config);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('is live at once, but not ready while migrations are pending', async () => {
    expect((await request('GET', '/health/live')).statusCode).toBe(200);
    const ready = await request('GET', '/health/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({
      status: 'not_ready',
      checks: {
        database: { status: 'up' },
        kafka: { status: 'up', advisory: true },
        migrations: { status: 'down' },
      },
    });
  });

  it('is ready once its database, its schema and Kafka all answer', async () => {
    await applyMigrations(app.get(DataSource));
    const ready = await request('GET', '/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ready',
      checks: {
        database: { status: 'up' },
        migrations: { status: 'up' },
        kafka: { status: 'up', detail: '1 broker(s)', advisory: true },
      },
    });
  });

  it('stays ready while its broker is down, reporting Kafka down (writes wait in the outbox)', async () => {
    const kafka = await startDisposableKafka();
    const withBroker = await createServiceApp(
      definition,
      loadConfig(serviceEnvSchema, {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: kafka.broker.bootstrapServer,
        READINESS_TIMEOUT_MS: '500',
        LOG_LEVEL: 'silent',
        ...testAuthEnv(),
      }),
    );
    try {
      await withBroker.init();
      const fastify = withBroker.getHttpAdapter().getInstance();
      await fastify.ready();
      kafka.broker.kill();
      const ready = await fastify.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({
        status: 'ready',
        checks: { database: { status: 'up' }, kafka: { status: 'down', advisory: true } },
      });
    } finally {
      await withBroker.close();
      await kafka.destroy();
    }
  });

  it('serves an OpenAPI 3.1 document of its endpoints, with the problem schema', async () => {
    const document = (await request('GET', '/api/v1/openapi.json')).json();
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'Runtime test service', version: '9.9.9' });
    expect(Object.keys(document.paths)).toEqual(['/api/v1/things']);
    expect(document.components.schemas.Problem.required).toEqual(['type', 'title', 'status']);
  });

  it('declares on each operation the errors it can answer, as problem documents', async () => {
    const document = (await request('GET', '/api/v1/openapi.json')).json();
    const create = document.paths['/api/v1/things'].post;
    for (const status of ['400', '401', '403']) {
      expect(create.responses[status].content['application/problem+json'].schema).toEqual({
        $ref: '#/components/schemas/Problem',
      });
    }
    expect(create.responses['401'].headers).toHaveProperty('WWW-Authenticate');
    // No record named in the path: nothing to be missing.
    expect(create.responses).not.toHaveProperty('404');
  });

  it('answers bad input with problem+json naming every invalid field and the allowed values', async () => {
    const response = await request('POST', '/api/v1/things', {
      impact: 7,
      urgency: 'urgent',
      extra: true,
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem).toMatchObject({
      status: 400,
      title: 'The request is invalid',
      instance: '/api/v1/things',
    });
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: 'name', message: 'name must be a string' },
        { field: 'impact', message: 'impact must not be greater than 3' },
        {
          field: 'urgency',
          message: 'urgency must be one of: low, high',
          allowed: ['low', 'high'],
        },
        { field: 'extra', message: 'property extra should not exist' },
      ]),
    );
  });

  it('refuses a body that is not a JSON object, naming it', async () => {
    for (const payload of ['null', '[1]', '"text"', '7']) {
      const response = await app
        .getHttpAdapter()
        .getInstance()
        .inject({
          method: 'POST',
          url: '/api/v1/things',
          payload,
          headers: { ...(await bearer('sam')), 'content-type': 'application/json' },
        });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([
        { field: 'body', message: 'the body must be a JSON object' },
      ]);
    }
  });

  it('answers unknown routes with problem+json', async () => {
    const response = await request('GET', '/api/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({
      type: 'https://itsm.dev/problems/not-found',
      status: 404,
    });
  });

  it('exposes Prometheus metrics', async () => {
    const response = await request('GET', '/metrics');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
  });
});

describe('starting a service', () => {
  it('refuses to start with a clear message for each missing or malformed variable', async () => {
    const error = await runService(definition, {
      KAFKA_BROKERS: 'no-port',
      HTTP_PORT: 'eighty',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^HTTP_PORT is invalid \(got "eighty"\)/),
      expect.stringMatching(/^DATABASE_URL is required/),
      expect.stringMatching(/^KAFKA_BROKERS is invalid \(got "no-port"\)/),
      expect.stringMatching(/^AUTH_ISSUER is required/),
    ]);
  });

  it('migrates from the command line: run, show, revert', async () => {
    const database = await createTestDatabase('migrate');
    const lines: string[] = [];
    const print = (line: string) => lines.push(line);
    const env = { DATABASE_URL: database.url };
    await migrateCommand(definition, 'show', print, env);
    await migrateCommand(definition, 'run', print, env);
    await migrateCommand(definition, 'run', print, env);
    await migrateCommand(definition, 'show', print, env);
    await migrateCommand(definition, 'revert', print, env);
    expect(lines).toEqual([
      '[ ] CreateAuditTrail1764201600000',
      '[ ] CreateMessagingTables1764288000000',
      'applied: CreateAuditTrail1764201600000, CreateMessagingTables1764288000000',
      'the database is up to date',
      '[x] CreateAuditTrail1764201600000',
      '[x] CreateMessagingTables1764288000000',
      'reverted the last migration',
    ]);
    await expect(migrateCommand(definition, 'explode', print, env)).rejects.toThrow(
      /use one of run, revert, show/,
    );
    await database.drop();
  });
});
